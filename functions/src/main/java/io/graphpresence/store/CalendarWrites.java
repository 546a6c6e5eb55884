package io.graphpresence.store;

import io.graphpresence.directory.OtherTenantException;
import io.graphpresence.presence.CalendarBlock;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.presence.CalendarHorizon;
import io.graphpresence.presence.ShowAs;
import io.graphpresence.presence.TooManyNearEventsException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.graphpresence.store.PresenceItems.*;

/**
 * Calendar events: each an item of its own ({@code EVENTS#user / EVENT#id}), and what presence
 * needs of it on the user's item when it overlaps the coming day ({@link CalendarHorizon}),
 * written together in one transaction. A later event is due in the "next change at" index a
 * day before it starts, when the schedule moves it onto the user's item. A deleted event
 * leaves a tombstone for a while, so an older version arriving late cannot bring it back.
 */
final class CalendarWrites {

    static final String EVENTS_PREFIX = "EVENTS#";
    static final String EVENT_SORT_PREFIX = "EVENT#";
    private static final String LAST_MODIFIED = "lastModified";
    private static final String DELETED = "deleted";
    private static final Duration KEPT_AFTER = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    private final int dueShards;

    CalendarWrites(DynamoDbClient dynamo, String table, int dueShards) {
        this.dynamo = dynamo;
        this.table = table;
        this.dueShards = dueShards;
    }

    static Map<String, AttributeValue> eventKey(String userId, String eventId) {
        return PresenceItems.key(EVENTS_PREFIX + userId, EVENT_SORT_PREFIX + eventId);
    }

    /**
     * The event, unless it never existed or was deleted; the event item names its tenant, so
     * one read also tells another tenant's calendar.
     *
     * @throws OtherTenantException when the user's calendar is another tenant's
     */
    Optional<CalendarEvent> find(TenantUser owner, String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(eventKey(owner.userId(), eventId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (!owner.tenantId().equals(item.get(TENANT_ID).s())) {
            throw new OtherTenantException(owner.userId());
        }
        return item.containsKey(DELETED) ? Optional.empty() : Optional.of(toEvent(item));
    }

    /** @return false when a version modified later is stored: this one is ignored (the same one again is harmless) */
    boolean put(TenantUser owner, CalendarEvent event, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(eventKey(owner.userId(), event.id()));
        item.put(TENANT_ID, s(owner.tenantId()));
        if (event.subject() != null) {
            item.put("subject", s(event.subject()));
        }
        item.put("start", dateTimeTimeZone(event.start()));
        item.put("end", dateTimeTimeZone(event.end()));
        item.put("showAs", s(event.showAs().name()));
        item.put("cancelled", AttributeValue.fromBool(event.isCancelled()));
        item.put("allDay", AttributeValue.fromBool(event.isAllDay()));
        item.put(LAST_MODIFIED, millis(event.lastModified()));
        item.put(TableLayout.TTL, n(event.end().instant().plus(KEPT_AFTER).getEpochSecond()));
        Optional<CalendarBlock> block = event.block().filter(b -> b.end().isAfter(now));
        Optional<CalendarBlock> near = block.filter(b -> CalendarHorizon.isNear(b, now));
        if (block.isPresent() && near.isEmpty()) {
            item.putAll(DueIndex.entry(EVENTS_PREFIX + owner.userId() + event.id(),
                    CalendarHorizon.moveAt(block.get().start()), dueShards));
        }
        return transact(owner, event.id(), item, near.orElse(null), event.lastModified(), now);
    }

    boolean delete(TenantUser owner, String eventId, Instant lastModified, Instant now) {
        Map<String, AttributeValue> tombstone = new HashMap<>(eventKey(owner.userId(), eventId));
        tombstone.put(TENANT_ID, s(owner.tenantId()));
        tombstone.put(DELETED, AttributeValue.fromBool(true));
        tombstone.put(LAST_MODIFIED, millis(lastModified));
        tombstone.put(TableLayout.TTL, n(now.plus(KEPT_AFTER).getEpochSecond()));
        return transact(owner, eventId, tombstone, null, lastModified, now);
    }

    /**
     * The schedule's move of an event that now overlaps the coming day onto its user's item:
     * nothing a reader sees changes yet, so the write count stays. When the item already holds
     * as many events as it may, the event stays due and is tried again a little later.
     */
    void moveNear(String userId, String eventId, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(eventKey(userId, eventId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || item.containsKey(DELETED)) {
            return;
        }
        Optional<CalendarBlock> block = toEvent(item).block().filter(b -> b.end().isAfter(now));
        Instant retry = block.isPresent() && !placeOnUser(userId, eventId, block.get())
                ? CalendarHorizon.retryWhenFull(block.get(), now) : null;
        ItemUpdate due = retry == null
                ? new ItemUpdate().setOrRemove("#shard", DueIndex.SHARD, null).setOrRemove("#due", DueIndex.DUE_AT, null)
                : new ItemUpdate().set("#due = :due").name("#due", DueIndex.DUE_AT).value(":due", millis(retry));
        dynamo.updateItem(u -> u.tableName(table).key(eventKey(userId, eventId)).updateExpression(due.expression())
                .expressionAttributeNames(due.names()).expressionAttributeValues(due.values()));
    }

    /** @return false when the user's item holds as many events as it may (a user who is gone takes nothing: true) */
    private boolean placeOnUser(String userId, String eventId, CalendarBlock block) {
        ItemUpdate change = NearEvents.place(new ItemUpdate(), eventId, block).condition(TableLayout.ITEM_EXISTS);
        try {
            dynamo.updateItem(u -> u.tableName(table).key(userKey(userId)).updateExpression(change.expression())
                    .conditionExpression(change.conditionExpression())
                    .expressionAttributeNames(change.names()).expressionAttributeValues(change.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return !refused.hasItem() || refused.item().isEmpty();
        }
    }

    /**
     * The event item (unless a newer version is stored), then the user's: the block set when
     * it is near (if the item has room for it), removed otherwise, with every user write's
     * bookkeeping; either refusing cancels both.
     */
    private boolean transact(TenantUser owner, String eventId, Map<String, AttributeValue> eventItem,
                             CalendarBlock near, Instant lastModified, Instant now) {
        TransactWriteItem event = TransactWriteItem.builder().put(p -> p.tableName(table).item(eventItem)
                .conditionExpression(TableLayout.ITEM_ABSENT + " OR #modified <= :modified")
                .expressionAttributeNames(Map.of("#modified", LAST_MODIFIED))
                .expressionAttributeValues(Map.of(":modified", millis(lastModified)))).build();
        ItemUpdate change = UserWrite.of(NearEvents.place(new ItemUpdate(), eventId, near), owner, now);
        TransactWriteItem user = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(userKey(owner.userId())).updateExpression(change.expression())
                .conditionExpression(change.conditionExpression())
                .expressionAttributeNames(change.names()).expressionAttributeValues(change.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(event, user));
            return true;
        } catch (TransactionCanceledException e) {
            RuntimeException refusal = Cancellations.conditionFailed(e, 1)
                    ? UserWrite.refusal(owner, Cancellations.oldItem(e, 1)) : null;
            if (refusal != null) {
                throw refusal;
            }
            if (Cancellations.conditionFailed(e, 0)) {
                return false;
            }
            if (Cancellations.conditionFailed(e, 1)) {
                // the user is there, in the writer's tenant: only the bound on near events is left
                throw new TooManyNearEventsException(owner.userId());
            }
            throw e;
        }
    }

    private static CalendarEvent toEvent(Map<String, AttributeValue> item) {
        String sk = item.get(TableLayout.SORT_KEY).s();
        return new CalendarEvent(sk.substring(EVENT_SORT_PREFIX.length()),
                item.containsKey("subject") ? item.get("subject").s() : null,
                toDateTimeTimeZone(item.get("start")), toDateTimeTimeZone(item.get("end")),
                ShowAs.valueOf(item.get("showAs").s()), item.get("cancelled").bool(), item.get("allDay").bool(),
                Instant.ofEpochMilli(Long.parseLong(item.get(LAST_MODIFIED).n())));
    }
}
