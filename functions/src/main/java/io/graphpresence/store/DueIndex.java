package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The "next change at" index: a sparse global secondary index over the items that have
 * something due ({@code dueAt}, epoch milliseconds). Its partition key is a day bucket of the
 * due moment plus a shard of the item's identity ({@link #partitionKey}), so the writes of
 * any one moment spread over as many partitions as {@code presence.due.shards} says
 * (docs/storage.md#the-due-index), and a schedule run reads one bounded page of one partition
 * per worker.
 *
 * <p>A sweep cursor (one small item) remembers the oldest bucket that may still hold
 * something: a run reads every bucket from there (and the one before, for an entry written
 * a little late) to today's, so a change nobody acted on in time, or whose timer was lost,
 * is still found however long ago it fell due.
 */
public final class DueIndex {

    private static final TableSchema.Index SCHEMA = TableLayout.SCHEMA.index("due");
    static final String INDEX = SCHEMA.indexName();
    static final String SHARD = SCHEMA.partitionKey();
    static final String DUE_AT = SCHEMA.sortKey();
    /**
     * A day: wide enough that a run reads two buckets a shard, and that moving the dev clock
     * a year ahead reads a few hundred; narrow enough that old partitions go cold.
     */
    static final Duration BUCKET = Duration.ofDays(1);
    /** What {@code presence.due.shards} is when unset: enough for one machine. */
    public static final int DEFAULT_SHARDS = 4;
    /** Before buckets, the key was the shard alone ("0" to "3"): still read until it is empty. */
    private static final int LEGACY_SHARDS = 4;
    private static final Map<String, AttributeValue> CURSOR_KEY = Map.of(
            TableLayout.PARTITION_KEY, AttributeValue.fromS("DUE#sweep"),
            TableLayout.SORT_KEY, AttributeValue.fromS("cursor"));
    private static final String CURSOR_BUCKET = "bucket";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int shards;

    DueIndex(DynamoDbClient dynamo, String table, int shards) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
    }

    /**
     * The due index's partition key of the item with this identity (its table key, as the
     * store writes it) due at {@code dueAt}: {@code <day number>#<shard>}. The only place that
     * computes it; the capacity model applies it to generated ids to find the hottest key.
     */
    public static String partitionKey(String identity, Instant dueAt, int shards) {
        return bucketOf(dueAt) + "#" + Math.floorMod(identity.hashCode(), shards);
    }

    static long bucketOf(Instant moment) {
        return Math.floorDiv(moment.toEpochMilli(), BUCKET.toMillis());
    }

    /** The index attributes of an item due at {@code dueAt}; none when nothing is due. */
    static Map<String, AttributeValue> entry(String identity, Instant dueAt, int shards) {
        if (dueAt == null) {
            return Map.of();
        }
        return Map.of(SHARD, PresenceItems.s(partitionKey(identity, dueAt, shards)), DUE_AT, PresenceItems.millis(dueAt));
    }

    /** Every partition that may hold something due at {@code now}, oldest first. */
    List<DueSlice> slices(Instant now) {
        List<DueSlice> slices = new ArrayList<>();
        Long cursor = cursor();
        if (cursor == null) {
            for (int shard = 0; shard < LEGACY_SHARDS; shard++) {
                slices.add(new DueSlice(Integer.toString(shard), DueSlice.LEGACY, null));
            }
        }
        long today = bucketOf(now);
        long from = Math.min(cursor == null ? today : cursor, today) - 1;
        for (long bucket = from; bucket <= today; bucket++) {
            for (int shard = 0; shard < shards; shard++) {
                slices.add(new DueSlice(bucket + "#" + shard, bucket, null));
            }
        }
        return slices;
    }

    /** At most {@code limit} items of the slice due at {@code now}, and where to go on. */
    DuePage page(DueSlice slice, Instant now, int limit) {
        QueryResponse page = dynamo.query(q -> q.tableName(table).indexName(INDEX).limit(limit)
                .exclusiveStartKey(slice.after())
                .keyConditionExpression("#shard = :shard AND #due <= :now")
                .expressionAttributeNames(Map.of("#shard", SHARD, "#due", DUE_AT))
                .expressionAttributeValues(Map.of(":shard", PresenceItems.s(slice.partitionKey()),
                        ":now", PresenceItems.millis(now))));
        List<DueWork.DueUser> users = new ArrayList<>();
        List<SubscriptionKey> subscriptions = new ArrayList<>();
        List<DueWork.DueEvent> events = new ArrayList<>();
        page.items().forEach(item -> classify(item, users, subscriptions, events));
        DueSlice rest = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? new DueSlice(slice.partitionKey(), slice.bucket(), page.lastEvaluatedKey()) : null;
        return new DuePage(new DueWork(users, subscriptions, events), rest);
    }

    /**
     * Moves the cursor to the oldest of the slices that still hold something (or were not
     * read), or to today's bucket; never backwards, so overlapping runs cannot undo each other.
     */
    void sweptUpTo(Instant now, Collection<DueSlice> stillHolding) {
        if (stillHolding.stream().anyMatch(s -> s.bucket() == DueSlice.LEGACY)) {
            return;
        }
        long oldest = stillHolding.stream().mapToLong(DueSlice::bucket).min().orElse(Long.MAX_VALUE);
        long cursor = Math.min(oldest, bucketOf(now));
        try {
            dynamo.updateItem(u -> u.tableName(table).key(CURSOR_KEY).updateExpression("SET #b = :b")
                    .conditionExpression("attribute_not_exists(#b) OR #b < :b")
                    .expressionAttributeNames(Map.of("#b", CURSOR_BUCKET))
                    .expressionAttributeValues(Map.of(":b", PresenceItems.n(cursor))));
        } catch (ConditionalCheckFailedException alreadyFurther) {
            // another run got further
        }
    }

    private Long cursor() {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(CURSOR_KEY)
                .consistentRead(true)).item();
        return item == null || !item.containsKey(CURSOR_BUCKET) ? null : Long.parseLong(item.get(CURSOR_BUCKET).n());
    }

    static void classify(Map<String, AttributeValue> item, List<DueWork.DueUser> users,
                                 List<SubscriptionKey> subscriptions, List<DueWork.DueEvent> events) {
        String pk = item.get(TableLayout.PARTITION_KEY).s();
        String sk = item.get(TableLayout.SORT_KEY).s();
        if (pk.startsWith(PresenceItems.USER_PREFIX)) {
            users.add(new DueWork.DueUser(pk.substring(PresenceItems.USER_PREFIX.length()),
                    Instant.ofEpochMilli(Long.parseLong(item.get(DUE_AT).n()))));
        } else if (pk.startsWith(SubscriptionItems.APP_PREFIX) && sk.startsWith(SubscriptionItems.SUB_PREFIX)) {
            String[] parts = pk.split("#");
            subscriptions.add(new SubscriptionKey(parts[1], parts[2], sk.substring(SubscriptionItems.SUB_PREFIX.length())));
        } else if (pk.startsWith(CalendarWrites.EVENTS_PREFIX)) {
            events.add(new DueWork.DueEvent(pk.substring(CalendarWrites.EVENTS_PREFIX.length()),
                    sk.substring(CalendarWrites.EVENT_SORT_PREFIX.length())));
        }
    }
}
