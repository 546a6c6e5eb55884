package io.graphpresence.local;

import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.util.Map;

/**
 * The queues AWS gives the functions, locally: ElasticMQ ({@link EmbeddedSqs}) with the timer
 * queue and the fan-out FIFO queue, and the settings that point the functions' SQS client at it.
 */
final class LocalQueues implements AutoCloseable {

    static final String TIMERS = "presence-timers";
    static final String FAN_OUT = "presence-fanout.fifo";

    private final EmbeddedSqs server;
    private final SqsClient client;
    private final String timersUrl;
    private final String fanOutUrl;

    private LocalQueues(EmbeddedSqs server, SqsClient client, String timersUrl, String fanOutUrl) {
        this.server = server;
        this.client = client;
        this.timersUrl = timersUrl;
        this.fanOutUrl = fanOutUrl;
    }

    static LocalQueues start() throws IOException {
        EmbeddedSqs server = EmbeddedSqs.start();
        SqsClient client = server.client();
        try {
            return new LocalQueues(server, client, EmbeddedSqs.queue(client, TIMERS),
                    EmbeddedSqs.fifoQueue(client, FAN_OUT));
        } catch (RuntimeException e) {
            client.close();
            server.close();
            throw e;
        }
    }

    /** The settings a deployed function reads from its environment for these queues. */
    Map<String, Object> settings() {
        return Map.of("aws.services.sqs.endpoint-override", server.endpoint(),
                "presence.timers.queue-url", timersUrl, "presence.fanout.queue-url", fanOutUrl);
    }

    SqsClient client() {
        return client;
    }

    String timersUrl() {
        return timersUrl;
    }

    String fanOutUrl() {
        return fanOutUrl;
    }

    /** Once started, the triggers own the queues and close them (EventTriggers#close). */
    @Override
    public void close() {
        client.close();
        server.close();
    }
}
