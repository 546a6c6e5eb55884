package io.graphpresence.delivery;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.local.EmbeddedSqs;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.TestQueues;
import io.graphpresence.store.DueTimer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timers for changes due soon (docs/time-driven.md): the stream consumer sets them as delayed
 * messages on a real SQS API (ElasticMQ), the timer function applies each at most once, never
 * early, and the sweep still catches a change whose timer was lost.
 */
class DueTimersTest {

    @RegisterExtension
    static final TestQueues QUEUES = TestQueues.start();
    private static final SqsClient CLIENT = QUEUES.client;
    private static final String QUEUE = EmbeddedSqs.queue(CLIENT, "timers-test");

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start(Map.of(
            "aws.services.sqs.endpoint-override", QUEUES.server.endpoint(), "presence.timers.queue-url", QUEUE));

    private String user;

    @BeforeEach
    void aUserAndAnEmptyQueue() {
        CLIENT.purgeQueue(b -> b.queueUrl(QUEUE));
        user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Timed"));
    }

    @Test
    void aTimerIsHeldBackUntilItsMoment() {
        Instant now = harness.clock.instant();
        DueTimer timer = new DueTimer("USER#" + user, "USER", now.plusSeconds(2));
        long sent = System.nanoTime();
        harness.context.getBean(ChangeTimers.class).set(List.of(timer), now);
        assertTrue(receive(0).isEmpty(), "not before its moment");
        List<Message> fired = receive(5);
        long waitedMillis = (System.nanoTime() - sent) / 1_000_000;
        assertEquals(1, fired.size());
        assertEquals(timer, DueTimer.fromMessage(fired.get(0).body()));
        assertTrue(waitedMillis >= 1_900, "held back its two seconds: " + waitedMillis + " ms");
    }

    @Test
    void theStreamConsumerSetsATimerOnlyForWhatFallsDueWithinFifteenMinutes() {
        Instant now = harness.clock.instant();
        new PresenceStreamFunction(harness.context).execute(streamOf(
                dueItem("APP#t#a", "SUB#soon", now.plus(Duration.ofMinutes(14))),
                dueItem("APP#t#a", "SUB#later", now.plus(Duration.ofMinutes(16)))));
        Map<QueueAttributeName, String> attributes = CLIENT.getQueueAttributes(b -> b.queueUrl(QUEUE).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        assertEquals("1", attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
                "one timer, for the one due within SQS's longest delay");
    }

    @Test
    void aTimerThatFiresTwiceMarksOnce() {
        Instant dueAt = harness.clock.instant().minusSeconds(1);
        harness.repository().recordNotified(user, "shown", dueAt, List.of());
        DueTimerFunction timers = new DueTimerFunction(harness.context);
        String message = new DueTimer("USER#" + user, "USER", dueAt).toMessage();

        assertTrue(timers.execute(sqsEvent(message, message)).getBatchItemFailures().isEmpty());
        long firstTick = tick();
        harness.clock.advance(Duration.ofSeconds(1));
        timers.execute(sqsEvent(message));
        assertEquals(harness.clock.instant().minusSeconds(1).toEpochMilli(), firstTick, "marked at the first firing");
        assertEquals(firstTick, tick(), "the second firing wrote nothing");
        assertFalse(harness.repository().markTimeDrivenChange(user, dueAt, harness.clock.instant()),
                "nor may the sweep after it");
    }

    @Test
    void anEarlyTimerIsSetAgainForTheRestOfItsWait() {
        Instant dueAt = harness.clock.instant().plusSeconds(1);
        harness.repository().recordNotified(user, "shown", dueAt, List.of());
        new DueTimerFunction(harness.context).execute(sqsEvent(new DueTimer("USER#" + user, "USER", dueAt).toMessage()));
        assertEquals(0, tick(), "nothing marked before the moment");
        List<Message> again = receive(5);
        assertEquals(1, again.size(), "set again");
        harness.clock.advance(Duration.ofSeconds(1));
        new DueTimerFunction(harness.context).execute(sqsEvent(again.get(0).body()));
        assertEquals(dueAt.toEpochMilli(), tick(), "marked at its moment");
    }

    @Test
    void aLostTimerIsCaughtByTheSweep() {
        Instant dueAt = harness.clock.instant().minusSeconds(30);
        harness.repository().recordNotified(user, "shown", dueAt, List.of());
        new PresenceScheduleFunction(harness.context).execute(new ScheduledEvent());
        assertEquals(harness.clock.instant().toEpochMilli(), tick(), "the sweep marked it, no timer needed");
    }

    private long tick() {
        var item = harness.context.getBean(DynamoDbClient.class).getItem(g -> g.tableName(
                        harness.context.getProperty("presence.table.name", String.class).orElseThrow())
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("USER#" + user),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("USER")))
                .consistentRead(true)).item();
        return item.containsKey("tick") ? Long.parseLong(item.get("tick").n()) : 0;
    }

    private static List<Message> receive(int waitSeconds) {
        return CLIENT.receiveMessage(b -> b.queueUrl(QUEUE).waitTimeSeconds(waitSeconds).maxNumberOfMessages(10))
                .messages();
    }

    private static SQSEvent sqsEvent(String... bodies) {
        SQSEvent event = new SQSEvent();
        event.setRecords(java.util.Arrays.stream(bodies).map(body -> {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(UUID.randomUUID().toString());
            message.setBody(body);
            return message;
        }).toList());
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord dueItem(String pk, String sk, Instant dueAt) {
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(Long.toString(System.nanoTime()));
        stream.setNewImage(Map.of("pk", new AttributeValue().withS(pk), "sk", new AttributeValue().withS(sk),
                "dueAt", new AttributeValue().withN(Long.toString(dueAt.toEpochMilli()))));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setDynamodb(stream);
        return record;
    }

    private static DynamodbEvent streamOf(DynamodbEvent.DynamodbStreamRecord... records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }
}
