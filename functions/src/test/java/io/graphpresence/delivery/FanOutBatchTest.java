package io.graphpresence.delivery;

import io.graphpresence.store.SubscriptionKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a change's watchers are split into queue messages: bounded, grouped stably, nothing lost. */
class FanOutBatchTest {

    private static final Instant CHANGED = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void everyWatcherIsInExactlyOneBatchOfAtMostTheBound() {
        List<SubscriptionKey> watchers = watchers(100_000);
        List<FanOutBatch> batches = FanOutBatch.split("u", "7", CHANGED, watchers, 128, 500);
        List<SubscriptionKey> all = new ArrayList<>();
        batches.forEach(b -> {
            assertTrue(b.subscriptions().size() <= 500, "bounded: " + b.subscriptions().size());
            all.addAll(b.subscriptions());
        });
        assertEquals(watchers.size(), all.size());
        assertEquals(new HashSet<>(watchers), new HashSet<>(all));
        // 100,000 over 128 groups is about 780 a group: two batches of about 390 each, not 500 and 280
        assertTrue(batches.size() <= 2 * 128 + 10, "as few batches as the bound allows: " + batches.size());
        assertTrue(batches.stream().allMatch(b -> b.subscriptions().size() >= 250), "spread evenly in a group");
    }

    @Test
    void aSubscriptionStaysInItsGroupOfAUserWhileTheGroupCountDoes() {
        List<SubscriptionKey> watchers = watchers(1_000);
        Map<String, String> first = groups(FanOutBatch.split("u", "1", CHANGED, watchers, 64, 10));
        List<SubscriptionKey> fewer = new ArrayList<>(watchers.subList(300, 1_000));
        fewer.addAll(watchers(50));
        Map<String, String> second = groups(FanOutBatch.split("u", "2", CHANGED, fewer, 64, 10));
        fewer.subList(0, 700).forEach(k -> assertEquals(first.get(k.id()), second.get(k.id()), k.id()));
        assertTrue(new HashSet<>(first.values()).size() > 32, "the groups are used, not one or two");
    }

    @Test
    void asFewGroupsAsBatchesNeedAndWhenTheyDoubleHalfTheSubscriptionsKeepTheirs() {
        assertEquals(1, FanOutBatch.groupsFor(300, 256, 500), "one batch, one group, one message");
        assertEquals(2, FanOutBatch.groupsFor(1_000, 256, 500));
        assertEquals(256, FanOutBatch.groupsFor(100_000, 256, 500), "one batch of 391 a group");
        assertEquals(256, FanOutBatch.groupsFor(1_000_000, 256, 500), "at most the maximum");
        List<SubscriptionKey> watchers = watchers(4_100);
        Map<String, String> eight = groups(FanOutBatch.split("u", "1", CHANGED, watchers.subList(0, 3_900), 256, 500));
        Map<String, String> sixteen = groups(FanOutBatch.split("u", "2", CHANGED, watchers, 256, 500));
        assertEquals(8, new HashSet<>(eight.values()).size());
        assertEquals(16, new HashSet<>(sixteen.values()).size());
        long kept = watchers.subList(0, 3_900).stream().filter(k -> eight.get(k.id()).equals(sixteen.get(k.id()))).count();
        assertTrue(kept > 1_700 && kept < 2_200, "about half keep their group: " + kept);
        watchers.subList(0, 3_900).forEach(k -> {
            int from = Integer.parseInt(eight.get(k.id()).substring(2));
            int to = Integer.parseInt(sixteen.get(k.id()).substring(2));
            assertTrue(to == from || to == from + 8, k.id() + ": " + from + " -> " + to);
        });
    }

    @Test
    void aGroupsBatchesKeepTheWatchersOrderAndOneUsersGroupsAreNotAnothers() {
        List<SubscriptionKey> watchers = watchers(40);
        List<FanOutBatch> batches = FanOutBatch.split("u", "1", CHANGED, watchers, 2, 5);
        Map<Integer, List<SubscriptionKey>> byGroup = new HashMap<>();
        batches.forEach(b -> byGroup.computeIfAbsent(b.group(), g -> new ArrayList<>()).addAll(b.subscriptions()));
        byGroup.values().forEach(keys -> assertEquals(watchers.stream().filter(keys::contains).toList(), keys));
        assertNotEquals(FanOutBatch.split("v", "1", CHANGED, watchers, 2, 5).get(0).groupId(), batches.get(0).groupId());
    }

    @Test
    void aBatchTravelsWhole() {
        FanOutBatch batch = FanOutBatch.split("u", "0000000000010000000000000", CHANGED, watchers(3), 1, 10).get(0);
        FanOutBatch back = FanOutBatch.fromMessage(batch.toMessage());
        assertEquals(batch, back);
        // two changes of one user are never one message to the queue's deduplication
        assertNotEquals(batch.toMessage(), new FanOutBatch("u", "0000000000010000000000001", CHANGED, batch.group(),
                batch.subscriptions()).toMessage());
    }

    @Test
    void aBatchOfTheLargestSizeFitsInOneQueueMessage() {
        FanOutBatch batch = FanOutBatch.split("u", "0000000000010000000000000", CHANGED, watchers(500), 1, 500).get(0);
        assertTrue(batch.toMessage().length() < 256 * 1024, batch.toMessage().length() + " characters");
    }

    @Test
    void whatNoFanOutWroteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FanOutBatch.fromMessage("not\ta batch"));
        assertThrows(IllegalArgumentException.class, () -> FanOutBatch.fromMessage("u\t1\tsoon\t0"));
        assertThrows(IllegalArgumentException.class, () -> FanOutBatch.fromMessage("u\t1\t5\t0\nonly-an-id"));
        assertThrows(IllegalArgumentException.class, () -> FanOutBatch.fromMessage(null));
        assertThrows(IllegalArgumentException.class,
                () -> FanOutBatch.split("u", "1", CHANGED, watchers(1), 0, 10));
    }

    private static Map<String, String> groups(List<FanOutBatch> batches) {
        Map<String, String> groups = new HashMap<>();
        batches.forEach(b -> b.subscriptions().forEach(k -> groups.put(k.id(), b.groupId())));
        return groups;
    }

    private static List<SubscriptionKey> watchers(int n) {
        Set<SubscriptionKey> keys = new java.util.LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            keys.add(new SubscriptionKey(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString()));
        }
        return new ArrayList<>(keys);
    }
}
