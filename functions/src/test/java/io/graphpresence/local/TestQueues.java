package io.graphpresence.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * ElasticMQ for a test class whose functions use queues, with a client of it: registered with
 * {@code @RegisterExtension static final TestQueues QUEUES = TestQueues.start();}, it stops after
 * the class.
 */
public final class TestQueues implements AfterAllCallback {

    public final EmbeddedSqs server;
    public final SqsClient client;

    private TestQueues(EmbeddedSqs server) {
        this.server = server;
        this.client = server.client();
    }

    public static TestQueues start() {
        try {
            return new TestQueues(EmbeddedSqs.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        client.close();
        server.close();
    }
}
