package io.graphpresence.store;

import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.DuplicateSubscriptionException;
import io.graphpresence.notify.QuotaExceededException;
import io.graphpresence.notify.Subscription;
import io.graphpresence.notify.SubscriptionNotFoundException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.store.PresenceItems.millis;
import static io.graphpresence.store.PresenceItems.n;
import static io.graphpresence.store.PresenceItems.s;
import static io.graphpresence.store.SubscriptionItems.*;

/** The subscription, watch and pending-delivery items of {@link SubscriptionItems}, read and written. */
final class NotificationTable {

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchReader batchReader;
    private final BatchWriter batchWriter;

    private final int dueShards;

    NotificationTable(DynamoDbClient dynamo, String table, BatchReader batchReader, int dueShards) {
        this.dueShards = dueShards;
        this.dynamo = dynamo;
        this.table = table;
        this.batchReader = batchReader;
        this.batchWriter = new BatchWriter(dynamo, table);
    }

    /**
     * Watches first (harmless alone: a watch of a missing subscription is skipped), then the
     * subscription with its delegated claim in one transaction; if that is refused, the
     * watches go again.
     */
    void create(Subscription sub, Instant now, int quota) {
        batchWriter.putAll(sub.userIds().stream().map(user -> watch(sub, user)).toList());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(SubscriptionItems.subscription(sub, dueShards))
                .conditionExpression(TableLayout.ITEM_ABSENT)).build());
        if (sub.subscriber().isDelegated()) {
            Map<String, AttributeValue> claim = new HashMap<>(delegatedClaimKey(sub.subscriber().tenantId(),
                    sub.subscriber().appId(), sub.subscriber().userId()));
            claim.put(SUBSCRIPTION_ID, s(sub.id()));
            claim.put(EXPIRES_AT, millis(sub.expiresAt()));
            claim.put(TableLayout.TTL, ttl(sub.expiresAt()));
            // a claim of an expired subscription the schedule has not removed yet does not count
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(claim)
                    .conditionExpression(TableLayout.ITEM_ABSENT + " OR #exp <= :now")
                    .expressionAttributeNames(Map.of("#exp", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", millis(now)))).build());
        }
        int counted = writes.size();
        writes.add(TransactWriteItem.builder().update(countOf(sub)
                .conditionExpression("attribute_not_exists(#n) OR #n < :quota")
                .expressionAttributeValues(Map.of(":step", n(1), ":quota", n(quota))).build()).build());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            deleteWatches(sub);
            if (sub.subscriber().isDelegated() && Cancellations.conditionFailed(e, 1)) {
                throw new DuplicateSubscriptionException(sub.subscriber().appId());
            }
            if (Cancellations.conditionFailed(e, counted)) {
                throw new QuotaExceededException("Application '" + sub.subscriber().appId()
                        + "' has reached its limit of " + quota + " presence subscriptions in tenant '"
                        + sub.subscriber().tenantId() + "'. Delete one first.");
            }
            throw e;
        }
    }

    /**
     * The application's subscription count ({@code APP#tenant#app / COUNT}), moved by
     * one in the same transaction as the subscription itself. It counts what was made
     * since it exists; a subscription that TTL rather than the schedule removes stays counted.
     */
    private Update.Builder countOf(Subscription sub) {
        return Update.builder().tableName(table)
                .key(PresenceItems.key(appPartition(sub.subscriber().tenantId(), sub.subscriber().appId()), COUNT_KEY))
                .updateExpression("ADD #n :step").expressionAttributeNames(Map.of("#n", COUNT));
    }

    Subscription find(SubscriptionKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(SubscriptionItems.key(key))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : toSubscription(item);
    }

    SubscriptionPage list(String tenantId, String appId, String afterId, int limit) {
        String partition = appPartition(tenantId, appId);
        QueryResponse page = dynamo.query(q -> q.tableName(table)
                .keyConditionExpression(TableLayout.PARTITION_KEY + " = :pk AND begins_with(" + TableLayout.SORT_KEY + ", :sub)")
                .expressionAttributeValues(Map.of(":pk", s(partition), ":sub", s(SUB_PREFIX)))
                .exclusiveStartKey(afterId == null ? null : PresenceItems.key(partition, SUB_PREFIX + afterId))
                .limit(limit).consistentRead(true));
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? page.lastEvaluatedKey().get(TableLayout.SORT_KEY).s().substring(SUB_PREFIX.length()) : null;
        return new SubscriptionPage(page.items().stream().map(SubscriptionItems::toSubscription).toList(), next);
    }

    /** A new expiry (and token expiry): the subscription and each of its watches. */
    void renew(Subscription sub) {
        Map<String, AttributeValue> item = SubscriptionItems.subscription(sub, dueShards);
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression(TableLayout.ITEM_EXISTS));
        } catch (ConditionalCheckFailedException gone) {
            throw new SubscriptionNotFoundException(sub.id());
        }
        batchWriter.putAll(sub.userIds().stream().map(user -> watch(sub, user)).toList());
        if (sub.subscriber().isDelegated()) {
            dynamo.updateItem(u -> u.tableName(table).key(delegatedClaimKey(sub.subscriber().tenantId(),
                            sub.subscriber().appId(), sub.subscriber().userId()))
                    .updateExpression("SET #exp = :exp, #ttl = :ttl")
                    .conditionExpression("#sub = :sub")
                    .expressionAttributeNames(Map.of("#exp", EXPIRES_AT, "#ttl", TableLayout.TTL, "#sub", SUBSCRIPTION_ID))
                    .expressionAttributeValues(Map.of(":exp", millis(sub.expiresAt()), ":ttl", ttl(sub.expiresAt()),
                            ":sub", s(sub.id()))));
        }
    }

    /** The delivery state and what is due next; nothing else, so a renewal at the same time is kept. */
    void recordDelivery(Subscription sub, DeliveryState state) {
        Subscription updated = sub.withDelivery(state);
        Map<String, AttributeValue> item = SubscriptionItems.subscription(updated, dueShards);
        ItemUpdate update = new ItemUpdate().condition(TableLayout.ITEM_EXISTS);
        for (String attribute : List.of("failingSince", "retryAt", "attempts", "reauthSent", DueIndex.SHARD,
                DueIndex.DUE_AT)) {
            update.setOrRemove("#" + attribute, attribute, item.get(attribute));
        }
        try {
            dynamo.updateItem(u -> u.tableName(table).key(SubscriptionItems.key(keyOf(sub)))
                    .updateExpression(update.expression()).conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.names()).expressionAttributeValues(update.values()));
        } catch (ConditionalCheckFailedException deleted) {
            // deleted meanwhile: nothing left to record
        }
    }

    /** Removes it and gives its place in the quota back, once however many remove it at once. */
    void delete(Subscription sub) {
        TransactWriteItem subscription = TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(SubscriptionItems.key(keyOf(sub))).conditionExpression(TableLayout.ITEM_EXISTS)).build();
        TransactWriteItem count = TransactWriteItem.builder().update(countOf(sub)
                .expressionAttributeValues(Map.of(":step", n(-1))).build()).build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(subscription, count));
        } catch (TransactionCanceledException e) {
            if (!Cancellations.conditionFailed(e, 0)) {
                throw e;
            }
            // removed meanwhile: its watches and pending items may still be left, and go below
        }
        if (sub.subscriber().isDelegated()) {
            try {
                dynamo.deleteItem(d -> d.tableName(table).key(delegatedClaimKey(sub.subscriber().tenantId(),
                                sub.subscriber().appId(), sub.subscriber().userId()))
                        .conditionExpression("#sub = :sub")
                        .expressionAttributeNames(Map.of("#sub", SUBSCRIPTION_ID))
                        .expressionAttributeValues(Map.of(":sub", s(sub.id()))));
            } catch (ConditionalCheckFailedException claimedByANewerOne) {
                // the claim is a newer subscription's now
            }
        }
        deleteWatches(sub);
        batchWriter.deleteAll(pending(sub).keySet().stream().map(user -> pendingKey(sub.id(), user)).toList());
    }

    /**
     * The keys of the live subscriptions watching each of these users: one query of each
     * user's watches. The watch itself carries the subscription's expiry, so nothing else is read.
     */
    Map<String, List<SubscriptionKey>> watcherKeys(Collection<String> userIds, Instant now) {
        Map<String, List<SubscriptionKey>> keysByUser = new LinkedHashMap<>();
        for (String userId : userIds) {
            List<SubscriptionKey> keys = new ArrayList<>();
            // strongly consistent: a subscription made just before a change hears of it
            dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression(TableLayout.PARTITION_KEY + " = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(WATCH_PREFIX + userId))).consistentRead(true))
                    .items().forEach(w -> {
                        if (Long.parseLong(w.get(EXPIRES_AT).n()) > now.toEpochMilli()) {
                            keys.add(watchedBy(w));
                        }
                    });
            keysByUser.put(userId, keys);
        }
        return keysByUser;
    }

    /** The live ones of these subscriptions: one batched read, each key read once. */
    Map<SubscriptionKey, Subscription> live(Collection<SubscriptionKey> keys, Instant now) {
        Map<SubscriptionKey, Subscription> live = new LinkedHashMap<>();
        batchReader.read(keys.stream().map(SubscriptionItems::key).toList()).forEach(item -> {
            Subscription sub = toSubscription(item);
            if (sub.expiresAt().isAfter(now)) {
                live.put(keyOf(sub), sub);
            }
        });
        return live;
    }

    /** One pending notification per user: a newer change replaces the older (a new marker). */
    void putPending(Subscription sub, List<String> userIds, Instant now) {
        AttributeValue ttl = ttl(now.plus(DeliveryState.GIVE_UP_AFTER));
        batchWriter.putAll(userIds.stream().map(user -> {
            Map<String, AttributeValue> item = new HashMap<>(pendingKey(sub.id(), user));
            item.put(MARKER, s(UUID.randomUUID().toString()));
            item.put(TableLayout.TTL, ttl);
            return item;
        }).toList());
    }

    /** The users with a pending notification, each with the marker of its latest change. */
    Map<String, String> pending(Subscription sub) {
        Map<String, String> pending = new LinkedHashMap<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression(TableLayout.PARTITION_KEY + " = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(PENDING_PREFIX + sub.id())))
                        .consistentRead(true))
                .items().forEach(item -> pending.put(
                        item.get(TableLayout.SORT_KEY).s().substring(PresenceItems.USER_PREFIX.length()),
                        item.get(MARKER).s()));
        return pending;
    }

    /** Removes what was delivered, but not a change that replaced it meanwhile (its marker differs). */
    void removePending(Subscription sub, Map<String, String> delivered) {
        delivered.forEach((user, marker) -> {
            try {
                dynamo.deleteItem(d -> d.tableName(table).key(pendingKey(sub.id(), user))
                        .conditionExpression("#marker = :marker")
                        .expressionAttributeNames(Map.of("#marker", MARKER))
                        .expressionAttributeValues(Map.of(":marker", s(marker))));
            } catch (ConditionalCheckFailedException replaced) {
                // a newer change is pending: it goes at the next retry
            }
        });
    }

    /**
     * Forgets a user these watches are of: each subscription they name stops listing the user
     * (so that a renewal does not watch them again), then the watches go, with whatever was
     * pending for the user. The subscription keeps the resource its application wrote.
     */
    void forgetWatched(String userId, List<Map<String, AttributeValue>> watches) {
        batchReader.read(watches.stream().map(w -> PresenceItems.key(w.get(SUBSCRIPTION_PK).s(),
                w.get(TableLayout.SORT_KEY).s())).toList()).forEach(sub -> stopListing(sub, userId));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        watches.forEach(watch -> {
            String subscriptionId = watch.get(TableLayout.SORT_KEY).s().substring(SUB_PREFIX.length());
            keys.add(watchKey(userId, subscriptionId));
            keys.add(pendingKey(subscriptionId, userId));
        });
        batchWriter.deleteAll(keys);
    }

    private void stopListing(Map<String, AttributeValue> sub, String userId) {
        AttributeValue listed = sub.get(USER_IDS);
        List<AttributeValue> kept = listed.l().stream().filter(id -> !id.s().equals(userId)).toList();
        try {
            dynamo.updateItem(u -> u.tableName(table).key(PresenceItems.key(sub.get(TableLayout.PARTITION_KEY).s(),
                            sub.get(TableLayout.SORT_KEY).s()))
                    .updateExpression("SET #ids = :kept").conditionExpression("#ids = :listed")
                    .expressionAttributeNames(Map.of("#ids", USER_IDS))
                    .expressionAttributeValues(Map.of(":kept", AttributeValue.fromL(kept), ":listed", listed)));
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            // renewed or deleted in between: the renewal wrote the list whole again, and deleting the
            // user again forgets them
        }
    }

    private Map<String, AttributeValue> watch(Subscription sub, String userId) {
        Map<String, AttributeValue> item = new HashMap<>(watchKey(userId, sub.id()));
        item.put(SUBSCRIPTION_PK, s(appPartition(sub.subscriber().tenantId(), sub.subscriber().appId())));
        item.put(EXPIRES_AT, millis(sub.expiresAt()));
        item.put(TableLayout.TTL, ttl(sub.expiresAt()));
        return item;
    }

    private void deleteWatches(Subscription sub) {
        batchWriter.deleteAll(sub.userIds().stream().map(user -> watchKey(user, sub.id())).toList());
    }
}
