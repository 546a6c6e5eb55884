package io.graphpresence.store;

import java.time.Instant;

/**
 * For the capacity model: the partition keys the store's own key functions give generated
 * ids, so the model follows the table layout wherever it changes. The due index's key is
 * {@link DueIndex#partitionKey}, with the shard count the deployed stack sets.
 */
public final class ScaleKeys {

    private ScaleKeys() {
    }

    public static String user(String userId) {
        return PresenceItems.userKey(userId).get(TableLayout.PARTITION_KEY).s();
    }

    public static String tenant(String tenantId) {
        return PresenceItems.tenantKey(tenantId).get(TableLayout.PARTITION_KEY).s();
    }

    public static String watches(String userId) {
        return SubscriptionItems.watchKey(userId, "any").get(TableLayout.PARTITION_KEY).s();
    }

    /** The due index's partition key of a user whose next change is at {@code dueAt}. */
    public static String dueOfUser(String userId, Instant dueAt, int shards) {
        return DueIndex.partitionKey(user(userId), dueAt, shards);
    }

    /** When the user's item says their presence next changes by itself; null when nothing is due. */
    public static Instant dueAt(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, String table,
                                String userId) {
        var item = dynamo.getItem(g -> g.tableName(table).key(PresenceItems.userKey(userId)).consistentRead(true)).item();
        var due = item == null ? null : item.get(DueIndex.DUE_AT);
        return due == null ? null : Instant.ofEpochMilli(Long.parseLong(due.n()));
    }

    /** The due index's partition key of a calendar event of a user starting or ending at {@code dueAt}. */
    public static String dueOfEvent(String userId, String eventId, Instant dueAt, int shards) {
        return DueIndex.partitionKey(CalendarWrites.EVENTS_PREFIX + userId + eventId, dueAt, shards);
    }
}
