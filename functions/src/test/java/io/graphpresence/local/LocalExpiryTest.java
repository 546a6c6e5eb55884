package io.graphpresence.local;

import io.graphpresence.store.TableLayout;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local stack's TTL follows the dev clock, never the machine's. */
class LocalExpiryTest {

    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .endpointOverride(URI.create(FunctionHarness.sharedDynamo().endpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();

    @Test
    void theLocalTableNeverHasTtlOnAndLosesTheTtlOfAnOlderDataDirectory() {
        String table = "expiry-" + System.nanoTime();
        TableLayout.createIfMissing(dynamo, table);
        assertEquals(TimeToLiveStatus.DISABLED, ttlStatus(table));

        // what the local stack did before it kept one notion of time
        dynamo.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(t -> t
                .attributeName(TableLayout.TTL).enabled(true)));
        assertEquals(TimeToLiveStatus.ENABLED, ttlStatus(table), "the control: DynamoDB Local takes TTL");
        TableLayout.createIfMissing(dynamo, table);
        assertEquals(TimeToLiveStatus.DISABLED, ttlStatus(table));
    }

    @Test
    void whatTheDevClockSaysHasExpiredGoesAndNothingElseWhateverTheMachineSays() {
        String table = "expiry-" + System.nanoTime();
        TableLayout.createIfMissing(dynamo, table);
        Instant realNow = Instant.now();
        DevClock behind = DevClock.frozenAt(realNow.minus(Duration.ofDays(10)));
        // expired by the machine's clock, alive by the dev clock
        put(table, "alive", behind.instant().plus(Duration.ofHours(1)));
        // expired by both
        put(table, "expired", behind.instant().minus(Duration.ofSeconds(1)));
        put(table, "no-ttl", null);

        assertEquals(1, new LocalExpirySweeper(dynamo, table, behind).sweep());
        assertTrue(exists(table, "alive"));
        assertFalse(exists(table, "expired"));
        assertTrue(exists(table, "no-ttl"));

        behind.advance(Duration.ofHours(2));
        assertEquals(1, new LocalExpirySweeper(dynamo, table, behind).sweep());
        assertFalse(exists(table, "alive"), "gone once the dev clock passes its ttl");
        assertTrue(exists(table, "no-ttl"), "an item without ttl never expires");
    }

    private TimeToLiveStatus ttlStatus(String table) {
        return dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().timeToLiveStatus();
    }

    private void put(String table, String pk, Instant ttl) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk));
        if (ttl != null) {
            item.put(TableLayout.TTL, AttributeValue.fromN(Long.toString(ttl.getEpochSecond())));
        }
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    private boolean exists(String table, String pk) {
        return dynamo.getItem(g -> g.tableName(table).key(key(pk)).consistentRead(true)).hasItem();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(pk), TableLayout.SORT_KEY, AttributeValue.fromS("x"));
    }
}
