package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.local.FunctionHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The due index spread over day buckets and shards, read in bounded pages, on DynamoDB Local. */
class DueIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final int SHARDS = 8;

    private static DynamoDbClient client;
    private String table;
    private DynamoDueWorkStore due;
    private AllStores stores;
    private String tenant;

    @BeforeAll
    static void connect() {
        client = StoreContract.clientFor(URI.create(FunctionHarness.sharedDynamo().endpoint()), "us-east-1", "local", "local");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshTable() {
        table = "due-" + UUID.randomUUID();
        TableLayout.createIfMissing(client, table);
        due = new DynamoDueWorkStore(new TableAccess(client, table, SHARDS));
        stores = AllStores.over(client, table);
        tenant = UUID.randomUUID().toString();
        stores.putTenant(new Tenant(tenant, "Contoso", List.of("contoso.com"),
                new ExternalAccess(ExternalAccess.Mode.allowList, List.of()), List.of()));
    }

    @Test
    void theKeyIsTheDayAndAShardOfTheIdentity() {
        String key = DueIndex.partitionKey("USER#a", NOW, 64);
        assertEquals(NOW.toEpochMilli() / Duration.ofDays(1).toMillis() + "#" + Math.floorMod("USER#a".hashCode(), 64), key);
        assertEquals(key, DueIndex.partitionKey("USER#a", NOW.plusSeconds(60), 64), "the same day, the same key");
        int[] perShard = new int[64];
        IntStream.range(0, 64_000).forEach(i -> perShard[Integer.parseInt(
                DueIndex.partitionKey("USER#" + UUID.nameUUIDFromBytes(("u" + i).getBytes()), NOW, 64).split("#")[1])]++);
        int most = IntStream.of(perShard).max().orElseThrow();
        int least = IntStream.of(perShard).min().orElseThrow();
        assertTrue(most < 1_200 && least > 800, "1,000 a shard give or take 20 %: " + least + " to " + most);
    }

    @Test
    void everyDueUserIsReadOnceInPagesOfAtMostTheLimit() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            expected.add(userDueAt(NOW.minusSeconds(i)));
        }
        userDueAt(NOW.plusSeconds(60));
        List<String> read = new ArrayList<>();
        List<DueSlice> wave = due.dueSlices(NOW);
        assertEquals(2 * SHARDS + 4, wave.size(), "yesterday and today on every shard, and the old keys while no cursor");
        while (!wave.isEmpty()) {
            List<DueSlice> next = new ArrayList<>();
            for (DueSlice slice : wave) {
                DuePage page = due.duePage(slice, NOW, 3);
                assertTrue(page.work().size() <= 3);
                page.work().users().forEach(u -> read.add(u.userId()));
                if (page.rest() != null) {
                    next.add(page.rest());
                }
            }
            wave = next;
        }
        assertEquals(30, read.size(), "each once: " + read);
        assertEquals(expected, new HashSet<>(read), "only what is due");
    }

    @Test
    void aChangeLeftWaitingIsStillFoundDaysLater() {
        String user = userDueAt(NOW.plus(Duration.ofDays(2)));
        due.sweptUpTo(NOW, List.of());
        Instant later = NOW.plus(Duration.ofDays(5));
        assertEquals(List.of(user), sweep(later), "its day lies behind today's");
        // nobody acted on it (its timer lost, the stream down): the cursor stays at its day
        assertEquals(List.of(user), sweep(later.plus(Duration.ofDays(5))));
        assertEquals(SHARDS * (11 - 1 + 1), due.dueSlices(later.plus(Duration.ofDays(6))).size(),
                "from the day before the one still holding (day 1) to today (day 11)");
    }

    @Test
    void theCursorMovesPastEmptyDaysOnly() {
        due.sweptUpTo(NOW, List.of());
        Instant later = NOW.plus(Duration.ofDays(3));
        assertEquals(SHARDS * 5, due.dueSlices(later).size(), "the day before the cursor to today");
        sweep(later);
        assertEquals(SHARDS * 2, due.dueSlices(later).size(), "only yesterday and today once all before is empty");
    }

    @Test
    void entriesUnderTheOldKeysAreReadUntilTheyAreGone() {
        String user = userDueAt(NOW.minusSeconds(5));
        client.updateItem(u -> u.tableName(table).key(PresenceItems.userKey(user))
                .updateExpression("SET #shard = :old").expressionAttributeNames(Map.of("#shard", DueIndex.SHARD))
                .expressionAttributeValues(Map.of(":old", AttributeValue.fromS("2"))));
        assertEquals(List.of(user), sweep(NOW));
        assertEquals(List.of(user), sweep(NOW), "still read: the cursor waits for the old keys to empty");
        due.recordNotified(user, "shown", null, List.of());
        assertEquals(List.of(), sweep(NOW));
        assertEquals(SHARDS * 2, due.dueSlices(NOW).size(), "no old keys once they were found empty");
    }

    @Test
    void aDueMomentIsMarkedOnce() {
        Instant dueAt = NOW.minusSeconds(1);
        String user = userDueAt(dueAt);
        assertFalse(due.markTimeDrivenChange(user, dueAt.minusSeconds(1), NOW), "not the moment now due");
        assertTrue(due.markTimeDrivenChange(user, dueAt, NOW));
        assertFalse(due.markTimeDrivenChange(user, dueAt, NOW.plusSeconds(1)), "a second timer, or the sweep after it");
        assertFalse(due.markTimeDrivenChange("nobody", dueAt, NOW), "a user who is gone");
    }

    /** One sweep of everything due at {@code now}, as the schedule does it (without marking). */
    private List<String> sweep(Instant now) {
        List<String> users = new ArrayList<>();
        List<DueSlice> holding = new ArrayList<>();
        for (DueSlice slice : due.dueSlices(now)) {
            DuePage page = due.duePage(slice, now, 1_000);
            page.work().users().forEach(u -> users.add(u.userId()));
            if (!page.work().isEmpty()) {
                holding.add(slice);
            }
        }
        due.sweptUpTo(now, holding);
        return users;
    }

    private String userDueAt(Instant dueAt) {
        String user = UUID.randomUUID().toString();
        stores.putUser(new DirectoryUser(user, tenant, user + "@contoso.com", "User"));
        due.recordNotified(user, "shown", dueAt, List.of());
        return user;
    }
}
