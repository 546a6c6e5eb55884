package io.graphpresence.local;

import io.graphpresence.delivery.DueTimerFunction;
import io.graphpresence.delivery.FanOutFunction;
import io.graphpresence.delivery.PresenceScheduleFunction;
import io.graphpresence.delivery.PresenceStreamFunction;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.nio.file.Path;

/**
 * What invokes the event-triggered functions in AWS, locally: the stream's poller, the
 * schedule, and the pollers of the timer and fan-out queues.
 */
final class EventTriggers implements AutoCloseable {

    /** Fan-out batches delivered at once: a group's batches still go one after another. */
    static final int FAN_OUT_POLLERS = 4;

    private final DynamoDbStreamsClient streams;
    private final LocalStreamPoller poller;
    private final LocalSchedule schedule;
    private final LocalQueuePoller timers;
    private final LocalQueuePoller fanOut;
    private final LocalQueues queues;

    private EventTriggers(DynamoDbStreamsClient streams, LocalStreamPoller poller, LocalSchedule schedule,
                          LocalQueuePoller timers, LocalQueuePoller fanOut, LocalQueues queues) {
        this.streams = streams;
        this.poller = poller;
        this.schedule = schedule;
        this.timers = timers;
        this.fanOut = fanOut;
        this.queues = queues;
    }

    static EventTriggers start(ApplicationContext context, String dynamoEndpoint, String table, Path dataDir,
                               LocalQueues queues) {
        String streamArn = context.getBean(DynamoDbClient.class).describeTable(d -> d.tableName(table))
                .table().latestStreamArn();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(dynamoEndpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        LocalStreamPoller poller = new LocalStreamPoller(streams, streamArn, new PresenceStreamFunction(context),
                new StreamCheckpoint(dataDir));
        LocalExpirySweeper sweeper = new LocalExpirySweeper(context.getBean(DynamoDbClient.class), table,
                context.getBean(DevClock.class));
        LocalSchedule schedule = new LocalSchedule(new PresenceScheduleFunction(context), sweeper);
        DueTimerFunction timerFunction = new DueTimerFunction(context);
        LocalQueuePoller timers = new LocalQueuePoller(queues.client(), queues.timersUrl(), timerFunction::execute, 1);
        LocalQueuePoller fanOut = new LocalQueuePoller(queues.client(), queues.fanOutUrl(),
                new FanOutFunction(context)::execute, FAN_OUT_POLLERS);
        poller.start();
        schedule.start();
        timers.start();
        fanOut.start();
        return new EventTriggers(streams, poller, schedule, timers, fanOut, queues);
    }

    /** The schedule runs at once, so the clock move's notifications go out now. */
    void clockMoved() {
        schedule.runNow();
    }

    /**
     * Stops every trigger, and then the queues, which from here on belong to the triggers. The
     * batches under way finish first, and the stream's consumer stops after them, handling
     * what they wrote; once nothing can send to the queues, their server stops under the
     * pollers' last long polls, which end at once instead of waiting out their second (a
     * second of every local-stack test's close).
     */
    @Override
    public void close() {
        try {
            timers.stopPolling();
            fanOut.stopPolling();
            schedule.close();
            timers.awaitBatchesDone();
            fanOut.awaitBatchesDone();
            poller.close();
            queues.close();
            timers.close();
            fanOut.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.close();
        }
    }
}
