package io.graphpresence.bench;

import io.graphpresence.store.ScaleKeys;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The due index's hottest partition, found rather than assumed: a few seconds of the peak
 * hour's writes to it, each keyed by {@code store.DueIndex} itself for a generated user (or
 * event) and the moment it is due, counted per key and second. Whatever layout the index has
 * (a few shards, or a time bucket with many), the busiest key-second is what a partition takes.
 *
 * <p>An index write that moves an item's key attributes is a delete of the old index entry and
 * a put of the new one (DynamoDB bills both); the delete lands on the old moment's key.
 */
final class DueKeyLoad {

    static final int SECONDS = 5;

    record Load(String key, double writesPerSecond) {
    }

    /**
     * @param shards      the due index's shard count, as deployed
     * @param refreshes   user refreshes a second, each moving that user's due moment by {@code refresh}
     * @param dueAfter    how far ahead a refresh puts the user's next change (measured)
     * @param events      calendar events created a second, each one index put at its start
     * @param marks       time-driven changes a second, each moving the user's due moment (delete + put)
     */
    static Load hottest(int shards, double refreshes, boolean refreshMovesDue, Duration refresh, Duration dueAfter, double events,
                        double marks) {
        Random random = new Random(42);
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        Map<String, Integer> counts = new HashMap<>();
        for (int s = 0; s < SECONDS; s++) {
            Instant second = start.plusSeconds(s);
            if (refreshMovesDue) {
                for (long i = 0, n = Math.round(refreshes); i < n; i++) {
                    String user = id(random);
                    Instant at = second.plusMillis(random.nextInt(1000));
                    count(counts, ScaleKeys.dueOfUser(user, at.minus(refresh).plus(dueAfter), shards), s);
                    count(counts, ScaleKeys.dueOfUser(user, at.plus(dueAfter), shards), s);
                }
            }
            for (long i = 0, n = Math.round(events); i < n; i++) {
                Instant startsAt = second.plusSeconds(600 + random.nextInt(8 * 3600));
                count(counts, ScaleKeys.dueOfEvent(id(random), id(random), startsAt, shards), s);
            }
            for (long i = 0, n = Math.round(marks); i < n; i++) {
                String user = id(random);
                Instant at = second.plusMillis(random.nextInt(1000));
                count(counts, ScaleKeys.dueOfUser(user, at, shards), s);
                count(counts, ScaleKeys.dueOfUser(user, at.plusSeconds(60 + random.nextInt(3600)), shards), s);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> new Load(e.getKey().substring(e.getKey().indexOf('|') + 1), e.getValue()))
                .orElse(new Load("none", 0));
    }

    /** A generated id, the same in every run: the figures repeat. */
    private static String id(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static void count(Map<String, Integer> counts, String key, int second) {
        counts.merge(second + "|" + key, 1, Integer::sum);
    }
}
