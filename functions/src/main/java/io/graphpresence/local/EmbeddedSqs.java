package io.graphpresence.local;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * ElasticMQ, an SQS-compatible server, in this process on a free loopback port, as
 * {@link EmbeddedDynamo} is DynamoDB Local: the timer and fan-out queues of the local stack,
 * reached over the same SDK client and API as SQS in AWS. In memory: a restart loses the
 * timers under way, which the sweep stands in for, and the fan-out batches under way, whose
 * changes the stream's checkpoint has already passed (docs/local-stack.md).
 */
public final class EmbeddedSqs implements AutoCloseable {

    /** How long a stop waits for the server and its actors to end. */
    private static final FiniteDuration STOPPING = FiniteDuration.apply(10, TimeUnit.SECONDS);
    /** Pekko wants a deadline above zero; nothing is left that should be waited for. */
    private static final FiniteDuration NO_GRACE = FiniteDuration.apply(1, TimeUnit.MILLISECONDS);

    private final ActorSystem actors;
    private final SQSRestServer server;
    private final String endpoint;

    private EmbeddedSqs(ActorSystem actors, SQSRestServer server, String endpoint) {
        this.actors = actors;
        this.server = server;
        this.endpoint = endpoint;
    }

    public static EmbeddedSqs start() throws IOException {
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        int port = freePort();
        // the answers of connections cut by close() are dead letters: nothing to log
        ActorSystem actors = ActorSystem.create("elasticmq",
                ConfigFactory.parseString("pekko.log-dead-letters = off").withFallback(ConfigFactory.load()));
        SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors).withInterface(host).withPort(port)
                .withServerAddress(new NodeAddress("http", host, port, "")).start();
        server.waitUntilStarted();
        return new EmbeddedSqs(actors, server, "http://" + host + ":" + port);
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * A client of this server, as a test or the local pollers wire one by hand. It does not
     * retry: the server is on loopback, a poller tries again by itself a second later, and a
     * poll cut short by {@link #close()} must end at once, not back off three times.
     */
    public SqsClient client() {
        return SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
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

    /**
     * Ends the connections under way at once, then the actors. ElasticMQ's own stop gives each
     * request under way up to a minute, and the pollers' long polls held every local-stack
     * close for most of a second; whoever closes the server wants no more answers from it.
     */
    @Override
    public void close() {
        try {
            Await.result(server.waitUntilStarted().terminate(NO_GRACE), STOPPING);
            actors.terminate();
            Await.result(actors.whenTerminated(), STOPPING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            throw new IllegalStateException("ElasticMQ did not stop within " + STOPPING, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
