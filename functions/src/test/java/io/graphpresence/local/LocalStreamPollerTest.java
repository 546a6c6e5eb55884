package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.graphpresence.delivery.PresenceStreamFunction;
import io.graphpresence.directory.DirectoryUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stream poller gives a batch on which the stream function throws 3 tries, then
 * skips it, as Lambda's retry limit does: the records after it are handled, and the poison
 * batch is not tried a fourth time.
 */
class LocalStreamPollerTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a deadline, never a measure

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    /** The real function, except that it throws, like a bug would, on any batch naming the poison user. */
    private static final class PoisonedFunction extends PresenceStreamFunction {
        final String poison;
        final AtomicInteger poisonedAttempts = new AtomicInteger();
        final Set<String> handledUsers = ConcurrentHashMap.newKeySet();

        PoisonedFunction(String poison) {
            super(harness.context);
            this.poison = poison;
        }

        @Override
        public StreamsEventResponse execute(DynamodbEvent event) {
            List<String> keys = event.getRecords().stream().map(r -> String.valueOf(r.getDynamodb().getKeys())).toList();
            if (keys.stream().anyMatch(key -> key.contains(poison))) {
                poisonedAttempts.incrementAndGet();
                throw new IllegalStateException("a bug, on the batch holding " + poison);
            }
            StreamsEventResponse response = super.execute(event);
            keys.forEach(handledUsers::add);
            return response;
        }

        boolean handled(String userId) {
            return handledUsers.stream().anyMatch(key -> key.contains(userId));
        }
    }

    @Test
    void aBatchTheFunctionThrowsOnIsTriedThreeTimesThenSkipped() throws Exception {
        String table = harness.context.getProperty("presence.table.name", String.class).orElseThrow();
        String streamArn = harness.context.getBean(DynamoDbClient.class).describeTable(d -> d.tableName(table))
                .table().latestStreamArn();
        String poison = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        PoisonedFunction function = new PoisonedFunction(poison);
        StreamCheckpoint checkpoint = new StreamCheckpoint(null);
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(FunctionHarness.sharedDynamo().endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
             LocalStreamPoller poller = new LocalStreamPoller(streams, streamArn, function, checkpoint)) {
            poller.start();
            putUser(first);
            await(() -> function.handled(first), "the records before the poison are handled");

            putUser(poison);
            await(() -> function.poisonedAttempts.get() >= 3, "the poison batch is tried");
            putUser(after);
            await(() -> function.handled(after), "the records after the skipped batch are handled");
            Thread.sleep(500); // five more polls: time for a fourth try, if there were one
            assertEquals(3, function.poisonedAttempts.get(), "tried 3 times, then skipped");
            assertTrue(!function.handled(poison), "the poison batch was never handled");
        }
    }

    private static void putUser(String userId) {
        harness.repository().putUser(new DirectoryUser(userId, CONTOSO, userId + "@contoso.com", "Stream " + userId));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }
}
