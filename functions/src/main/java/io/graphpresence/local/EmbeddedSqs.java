package io.graphpresence.local;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

/**
 * ElasticMQ, an SQS-compatible server, in this process on a free loopback port, as
 * {@link EmbeddedDynamo} is DynamoDB Local: the timer and fan-out queues of the local stack,
 * reached over the same SDK client and API as SQS in AWS. In memory: a restart loses the
 * timers under way, which the sweep stands in for, and the fan-out batches under way, whose
 * changes the stream's checkpoint has already passed (docs/local-stack.md).
 */
public final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final String endpoint;

    private EmbeddedSqs(SQSRestServer server, String endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static EmbeddedSqs start() throws IOException {
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        int port = freePort();
        SQSRestServer server = SQSRestServerBuilder.withInterface(host).withPort(port)
                .withServerAddress(new NodeAddress("http", host, port, "")).start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, "http://" + host + ":" + port);
    }

    public String endpoint() {
        return endpoint;
    }

    /** A client of this server, as a test or the local pollers wire one by hand. */
    public SqsClient client() {
        return SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates the queue if it is not there. @return its URL */
    public static String queue(SqsClient sqs, String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    /** Creates the FIFO queue (its name ends in {@code .fifo}) if it is not there. @return its URL */
    public static String fifoQueue(SqsClient sqs, String name) {
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
    }

    @Override
    public void close() {
        server.stopAndWait();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
