package io.graphpresence.store;

import io.graphpresence.notify.Subscription;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.graphpresence.store.PresenceItems.USER_PREFIX;
import static io.graphpresence.store.PresenceItems.s;
import static io.graphpresence.store.SubscriptionItems.DELEGATED_PREFIX;
import static io.graphpresence.store.SubscriptionItems.WATCH_PREFIX;

/**
 * Everything of a user's but their item: the subscriptions they made as a delegated user
 * (their claims, under the user's partition), the watches of them with what was pending for
 * them (the subscriptions stop listing them), and their calendar events. Each is a partition,
 * or a part of one, named after the user, so it is found by a Query, a page of at most
 * {@link #PAGE} at a time, and deleted in batches.
 */
final class UserErasure {

    static final int PAGE = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final NotificationTable notifications;
    private final BatchWriter batchWriter;

    UserErasure(DynamoDbClient dynamo, String table, NotificationTable notifications) {
        this.dynamo = dynamo;
        this.table = table;
        this.notifications = notifications;
        this.batchWriter = new BatchWriter(dynamo, table);
    }

    void eraseAllButTheUserItem(String userId) {
        forEachPage(USER_PREFIX + userId, DELEGATED_PREFIX, claims -> claims.forEach(this::deleteClaimed));
        forEachPage(WATCH_PREFIX + userId, null, watches -> notifications.forgetWatched(userId, watches));
        forEachPage(CalendarWrites.EVENTS_PREFIX + userId, null,
                events -> batchWriter.deleteAll(events.stream().map(UserErasure::key).toList()));
    }

    /** The subscription with its watches and pending deliveries; the claim alone when it is gone already. */
    private void deleteClaimed(Map<String, AttributeValue> claim) {
        Subscription sub = notifications.find(SubscriptionItems.claimedSubscription(claim));
        if (sub != null) {
            notifications.delete(sub);
        } else {
            dynamo.deleteItem(d -> d.tableName(table).key(key(claim)));
        }
    }

    private void forEachPage(String partition, String sortPrefix, Consumer<List<Map<String, AttributeValue>>> page) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(partition)));
        String condition = TableLayout.PARTITION_KEY + " = :pk";
        if (sortPrefix != null) {
            values.put(":prefix", s(sortPrefix));
            condition += " AND begins_with(" + TableLayout.SORT_KEY + ", :prefix)";
        }
        String keyCondition = condition;
        // strongly consistent: what was written just before the deletion is deleted too
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression(keyCondition)
                        .expressionAttributeValues(values).consistentRead(true).limit(PAGE))
                .stream().filter(response -> response.hasItems() && !response.items().isEmpty())
                .forEach(response -> page.accept(response.items()));
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return PresenceItems.key(item.get(TableLayout.PARTITION_KEY).s(), item.get(TableLayout.SORT_KEY).s());
    }
}
