package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "next change at" index: a sparse global secondary index over the items that have
 * something due ({@code dueAt}, epoch milliseconds), spread over a few shards so no single
 * partition takes every write. A run of the schedule reads only what is due, whatever the
 * number of users: one query per shard.
 */
final class DueIndex {

    private static final TableSchema.Index SCHEMA = TableLayout.SCHEMA.index("due");
    static final String INDEX = SCHEMA.indexName();
    static final String SHARD = SCHEMA.partitionKey();
    static final String DUE_AT = SCHEMA.sortKey();
    static final int SHARDS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    DueIndex(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The index attributes of an item due at {@code dueAt}; none when nothing is due. */
    static Map<String, AttributeValue> entry(String identity, Instant dueAt) {
        if (dueAt == null) {
            return Map.of();
        }
        return Map.of(SHARD, PresenceItems.s(shard(identity)), DUE_AT, PresenceItems.millis(dueAt));
    }

    static String shard(String identity) {
        return Integer.toString(Math.floorMod(identity.hashCode(), SHARDS));
    }

    DueWork due(Instant now) {
        List<String> users = new ArrayList<>();
        List<SubscriptionKey> subscriptions = new ArrayList<>();
        List<DueWork.DueEvent> events = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            String s = Integer.toString(shard);
            dynamo.queryPaginator(q -> q.tableName(table).indexName(INDEX)
                            .keyConditionExpression("#shard = :shard AND #due <= :now")
                            .expressionAttributeNames(Map.of("#shard", SHARD, "#due", DUE_AT))
                            .expressionAttributeValues(Map.of(":shard", PresenceItems.s(s),
                                    ":now", PresenceItems.millis(now))))
                    .items().forEach(item -> classify(item, users, subscriptions, events));
        }
        return new DueWork(users, subscriptions, events);
    }

    private static void classify(Map<String, AttributeValue> item, List<String> users,
                                 List<SubscriptionKey> subscriptions, List<DueWork.DueEvent> events) {
        String pk = item.get(TableLayout.PARTITION_KEY).s();
        String sk = item.get(TableLayout.SORT_KEY).s();
        if (pk.startsWith(PresenceItems.USER_PREFIX)) {
            users.add(pk.substring(PresenceItems.USER_PREFIX.length()));
        } else if (pk.startsWith(SubscriptionItems.APP_PREFIX) && sk.startsWith(SubscriptionItems.SUB_PREFIX)) {
            String[] parts = pk.split("#");
            subscriptions.add(new SubscriptionKey(parts[1], parts[2], sk.substring(SubscriptionItems.SUB_PREFIX.length())));
        } else if (pk.startsWith(CalendarWrites.EVENTS_PREFIX)) {
            events.add(new DueWork.DueEvent(pk.substring(CalendarWrites.EVENTS_PREFIX.length()),
                    sk.substring(CalendarWrites.EVENT_SORT_PREFIX.length())));
        }
    }
}
