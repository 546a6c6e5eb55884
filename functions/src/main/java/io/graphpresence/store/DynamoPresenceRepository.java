package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.Subscription;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.presence.MailboxSettingsUpdate;
import io.graphpresence.presence.WorkLocation;
import io.graphpresence.presence.PreferredPresence;
import io.graphpresence.presence.Session;
import io.graphpresence.presence.StatusMessage;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.graphpresence.store.PresenceItems.*;

/** {@link PresenceRepository} on one DynamoDB table; see {@link PresenceItems} for the item layout. */
public class DynamoPresenceRepository implements PresenceRepository {

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchReader batchReader;
    private final DirectoryWrites directory;
    private final NotificationTable notifications;
    private final DueIndex dueIndex;
    private final CalendarWrites calendar;

    public DynamoPresenceRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.batchReader = new BatchReader(dynamo, table);
        this.directory = new DirectoryWrites(dynamo, table);
        this.notifications = new NotificationTable(dynamo, table, batchReader);
        this.dueIndex = new DueIndex(dynamo, table);
        this.calendar = new CalendarWrites(dynamo, table);
    }

    @Override
    public Optional<UserRecord> findUser(String userId) {
        Map<String, AttributeValue> item = guarded(() -> dynamo.getItem(b -> b.tableName(table)
                .key(userKey(userId)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toUserRecord(item));
    }

    @Override
    public Map<String, UserRecord> findUsers(Collection<String> userIds) {
        return byId(batchRead(userIds, PresenceItems::userKey), PresenceItems::toUserRecord, r -> r.user().id());
    }

    @Override
    public Map<String, Tenant> findTenants(Collection<String> tenantIds) {
        return byId(batchRead(tenantIds, PresenceItems::tenantKey), PresenceItems::toTenant, Tenant::id);
    }

    @Override
    public void putSession(TenantUser target, Session session, Instant now) {
        write(target, now, new ItemUpdate()
                .set("#sessions.#sid = :session")
                .name("#sessions", SESSIONS).name("#sid", session.id())
                .value(":session", PresenceItems.session(session)));
    }

    @Override
    public void removeSession(TenantUser target, String sessionId, Instant now) {
        ItemUpdate change = new ItemUpdate()
                .remove("#sessions.#sid")
                .name("#sessions", SESSIONS).name("#sid", sessionId)
                .condition("attribute_exists(#sessions.#sid)");
        if (!write(target, now, change)) {
            throw new SessionNotFoundException(sessionId);
        }
    }

    @Override
    public void putPreferred(TenantUser target, PreferredPresence preferred, Instant now) {
        write(target, now, new ItemUpdate().set("#preferred = :preferred")
                .name("#preferred", PREFERRED).value(":preferred", PresenceItems.preferred(preferred)));
    }

    @Override
    public void removePreferred(TenantUser target, Instant now) {
        write(target, now, new ItemUpdate().remove("#preferred").name("#preferred", PREFERRED));
    }

    @Override
    public void putStatusMessage(TenantUser target, StatusMessage message, Instant now) {
        ItemUpdate change = new ItemUpdate().name("#status", STATUS);
        if (message == null) {
            change.remove("#status");
        } else {
            change.set("#status = :status").value(":status", PresenceItems.status(message));
        }
        write(target, now, change);
    }

    @Override
    public boolean putMailboxSettings(TenantUser target, MailboxSettingsUpdate update, Instant now,
                                      Instant lastModified) {
        ItemUpdate change = new ItemUpdate()
                .set("#oofModified = :oofModified").name("#oofModified", OOF_MODIFIED)
                .value(":oofModified", millis(lastModified))
                .condition("(attribute_not_exists(#oofModified) OR #oofModified <= :oofModified)");
        setIfGiven(change, MAILBOX_TIME_ZONE, update.timeZone() == null ? null : s(update.timeZone()));
        setIfGiven(change, OOF_STATUS, update.status() == null ? null : s(update.status().name()));
        setIfGiven(change, OOF_AUDIENCE, update.externalAudience() == null ? null : s(update.externalAudience().name()));
        setIfGiven(change, OOF_INTERNAL, update.internalReplyMessage() == null ? null : s(update.internalReplyMessage()));
        setIfGiven(change, OOF_EXTERNAL, update.externalReplyMessage() == null ? null : s(update.externalReplyMessage()));
        setIfGiven(change, OOF_START, update.scheduledStart() == null ? null : dateTimeTimeZone(update.scheduledStart()));
        setIfGiven(change, OOF_END, update.scheduledEnd() == null ? null : dateTimeTimeZone(update.scheduledEnd()));
        return write(target, now, change);
    }

    @Override
    public Optional<CalendarEvent> findEvent(TenantUser owner, String eventId) {
        return guarded(() -> calendar.find(owner, eventId));
    }

    @Override
    public boolean putEvent(TenantUser owner, CalendarEvent event, Instant now) {
        return guarded(() -> calendar.put(owner, event, now));
    }

    @Override
    public boolean deleteEvent(TenantUser owner, String eventId, Instant lastModified, Instant now) {
        return guarded(() -> calendar.delete(owner, eventId, lastModified, now));
    }

    @Override
    public void moveEventNear(String userId, String eventId, Instant now) {
        run(() -> calendar.moveNear(userId, eventId, now));
    }

    @Override
    public void putWorkLocation(TenantUser target, WorkLocation.Source source, WorkLocation.Type type, String placeId,
                                Instant now) {
        write(target, now, new ItemUpdate().set("#location = :location").name("#location", locationAttribute(source))
                .value(":location", PresenceItems.location(type, placeId, now)));
    }

    @Override
    public void removeWorkLocation(TenantUser target, WorkLocation.Source source, Instant now) {
        ItemUpdate change = new ItemUpdate();
        if (source == null || source == WorkLocation.Source.manual) {
            change.remove("#manual").name("#manual", LOCATION_MANUAL);
        }
        if (source == null || source == WorkLocation.Source.automatic) {
            change.remove("#automatic").name("#automatic", LOCATION_AUTOMATIC);
        }
        write(target, now, change);
    }

    private static String locationAttribute(WorkLocation.Source source) {
        return source == WorkLocation.Source.manual ? LOCATION_MANUAL : LOCATION_AUTOMATIC;
    }

    private static void setIfGiven(ItemUpdate change, String attribute, AttributeValue value) {
        if (value != null) {
            String placeholder = "#" + attribute;
            change.set(placeholder + " = :" + attribute).name(placeholder, attribute).value(":" + attribute, value);
        }
    }

    @Override
    public Optional<Tenant> findTenant(String tenantId) {
        Map<String, AttributeValue> item = guarded(() -> dynamo.getItem(b -> b.tableName(table)
                .key(tenantKey(tenantId)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toTenant(item));
    }

    @Override
    public List<Tenant> listTenants() {
        return guarded(() -> dynamo.scanPaginator(b -> b.tableName(table)
                        .filterExpression("begins_with(#pk, :tenant)")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY))
                        .expressionAttributeValues(Map.of(":tenant", s(TENANT_PREFIX))))
                .items().stream().map(PresenceItems::toTenant).toList());
    }

    @Override
    public List<DirectoryUser> listUsers(String tenantId) {
        return guarded(() -> dynamo.scanPaginator(b -> b.tableName(table)
                        .filterExpression("begins_with(#pk, :user) AND #tenant = :tenant")
                        .projectionExpression("#pk, #tenant, #upn, #name")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#tenant", TENANT_ID,
                                "#upn", UPN, "#name", DISPLAY_NAME))
                        .expressionAttributeValues(Map.of(":user", s(USER_PREFIX), ":tenant", s(tenantId))))
                .items().stream().map(PresenceItems::toDirectoryUser).toList());
    }

    @Override
    public void putUser(DirectoryUser user) {
        // tenants are never deleted, so a read before the write is as good as a condition on it
        if (findTenant(user.tenantId()).isEmpty()) {
            throw new TenantNotFoundException(user.tenantId());
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":tenant", s(user.tenantId()));
        values.put(":upn", s(user.userPrincipalName()));
        values.put(":name", s(user.displayName() == null ? "" : user.displayName()));
        values.put(":empty", AttributeValue.fromM(Map.of()));
        values.put(":zero", n(0));
        try {
            guarded(() -> dynamo.updateItem(b -> b.tableName(table).key(userKey(user.id()))
                    // the sessions map must exist before a session can be set inside it
                    .updateExpression("SET #tenant = :tenant, #upn = :upn, #name = :name, "
                            + "#sessions = if_not_exists(#sessions, :empty), #ver = if_not_exists(#ver, :zero), "
                            + "#written = if_not_exists(#written, :zero)")
                    .conditionExpression("attribute_not_exists(pk) OR #tenant = :tenant")
                    .expressionAttributeNames(Map.of("#tenant", TENANT_ID, "#upn", UPN, "#name", DISPLAY_NAME,
                            "#sessions", SESSIONS, "#ver", VERSION, "#written", WRITTEN_AT))
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException otherTenant) {
            throw new ConflictException("User '" + user.id() + "' belongs to another tenant.");
        }
    }

    @Override
    public void deleteUser(TenantUser user) {
        try {
            guarded(() -> dynamo.deleteItem(b -> b.tableName(table).key(userKey(user.userId()))
                    .conditionExpression("#tenant = :tenant")
                    .expressionAttributeNames(Map.of("#tenant", TENANT_ID))
                    .expressionAttributeValues(Map.of(":tenant", s(user.tenantId())))));
        } catch (ConditionalCheckFailedException absentOrOtherTenant) {
            // another tenant's user is not this tenant's to know about
            throw new UserNotFoundException(user.userId());
        }
    }

    @Override
    public void createTenant(Tenant tenant) {
        run(() -> directory.createTenant(tenant));
    }

    @Override
    public void putTenant(Tenant tenant) {
        Tenant current = findTenant(tenant.id()).orElse(null);
        run(() -> directory.putTenant(current, tenant));
    }

    @Override
    public Tenant assignDomains(String tenantId, List<String> domains) {
        Tenant current = findTenant(tenantId).orElseThrow(() -> new TenantNotFoundException(tenantId));
        run(() -> directory.assignDomains(current, domains));
        return new Tenant(current.id(), current.displayName(), domains, current.externalAccess(), current.issuers());
    }

    @Override
    public Tenant putExternalAccess(String tenantId, ExternalAccess access) {
        return guarded(() -> directory.putExternalAccess(tenantId, access));
    }

    @Override
    public void createSubscription(Subscription subscription, Instant now, int quota) {
        run(() -> notifications.create(subscription, now, quota));
    }

    @Override
    public Optional<Subscription> findSubscription(SubscriptionKey key) {
        return Optional.ofNullable(guarded(() -> notifications.find(key)));
    }

    @Override
    public SubscriptionPage listSubscriptions(String tenantId, String appId, String afterId, int limit) {
        return guarded(() -> notifications.list(tenantId, appId, afterId, limit));
    }

    @Override
    public void renewSubscription(Subscription subscription) {
        run(() -> notifications.renew(subscription));
    }

    @Override
    public void recordDelivery(Subscription subscription, DeliveryState state) {
        run(() -> notifications.recordDelivery(subscription, state));
    }

    @Override
    public void deleteSubscription(Subscription subscription) {
        run(() -> notifications.delete(subscription));
    }

    @Override
    public Map<String, List<Subscription>> subscriptionsWatching(Collection<String> userIds, Instant now) {
        return guarded(() -> notifications.watching(userIds, now));
    }

    @Override
    public void putPending(Subscription subscription, List<String> userIds, Instant now) {
        run(() -> notifications.putPending(subscription, userIds, now));
    }

    @Override
    public Map<String, String> pending(Subscription subscription) {
        return guarded(() -> notifications.pending(subscription));
    }

    @Override
    public void removePending(Subscription subscription, Map<String, String> delivered) {
        run(() -> notifications.removePending(subscription, delivered));
    }

    @Override
    public DueWork due(Instant now) {
        return guarded(() -> dueIndex.due(now));
    }

    @Override
    public void markTimeDrivenChange(String userId, Instant now) {
        try {
            run(() -> dynamo.updateItem(u -> u.tableName(table).key(userKey(userId))
                    .updateExpression("SET #tick = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#tick", TICK))
                    .expressionAttributeValues(Map.of(":now", millis(now)))));
        } catch (ConditionalCheckFailedException deleted) {
            // the user is gone, and so is what was due
        }
    }

    @Override
    public void recordNotified(String userId, String shown, Instant nextChange, List<String> endedEvents) {
        ItemUpdate update = new ItemUpdate().set("#shown = :shown").name("#shown", SHOWN).value(":shown", s(shown))
                .setOrRemove("#shard", DueIndex.SHARD, nextChange == null ? null : s(DueIndex.shard(USER_PREFIX + userId)))
                .setOrRemove("#due", DueIndex.DUE_AT, nextChange == null ? null : millis(nextChange))
                .condition("attribute_exists(pk)");
        for (int i = 0; i < endedEvents.size(); i++) {
            update.setOrRemove("#ended" + i, calendarAttribute(endedEvents.get(i)), null);
        }
        // not conditional on the version: what was notified stays true whatever was written since,
        // and a newer write's record (or this write's own) brings the next change up to date
        try {
            run(() -> dynamo.updateItem(u -> u.tableName(table).key(userKey(userId))
                    .updateExpression(update.expression()).conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.names()).expressionAttributeValues(update.values())));
        } catch (ConditionalCheckFailedException deleted) {
            // the user is gone: nothing to remember
        }
    }

    private static void run(Runnable call) {
        guarded(() -> {
            call.run();
            return null;
        });
    }

    private List<Map<String, AttributeValue>> batchRead(Collection<String> ids,
                                                        Function<String, Map<String, AttributeValue>> key) {
        return guarded(() -> batchReader.read(ids.stream().map(key).toList()));
    }

    private static <T> Map<String, T> byId(List<Map<String, AttributeValue>> items,
                                           Function<Map<String, AttributeValue>, T> convert, Function<T, String> id) {
        Map<String, T> found = new HashMap<>();
        items.stream().map(convert).forEach(record -> found.put(id.apply(record), record));
        return found;
    }

    /**
     * One conditional UpdateItem: the change with {@link UserWrite}'s bookkeeping, with no read
     * before it.
     *
     * @return false when the user is fine but the change's own condition failed
     */
    private boolean write(TenantUser target, Instant now, ItemUpdate change) {
        UserWrite.of(change, target, now);
        try {
            guarded(() -> dynamo.updateItem(b -> b.tableName(table).key(userKey(target.userId()))
                    .updateExpression(change.expression())
                    .conditionExpression(change.conditionExpression())
                    .expressionAttributeNames(change.names())
                    .expressionAttributeValues(change.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            return true;
        } catch (ConditionalCheckFailedException failed) {
            RuntimeException refusal = UserWrite.refusal(target, failed.item());
            if (refusal != null) {
                throw refusal;
            }
            return false;
        }
    }

    private static StoreRefusedException refused(DynamoDbException e) {
        return new StoreRefusedException("The request holds more than can be stored: "
                + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e);
    }

    /** DynamoDB's validation errors become {@link StoreRefusedException}; outages and throttling become {@link StoreUnavailableException}; a failed condition passes through. */
    private static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkClientException e) {
            throw new StoreUnavailableException("The presence store could not be reached.", e);
        } catch (TransactionCanceledException e) {
            if (Cancellations.throttled(e)) {
                throw new StoreUnavailableException("The presence store is busy.", e);
            }
            if (Cancellations.anyCode(e, "ValidationError")) {
                throw refused(e);
            }
            throw e;
        } catch (DynamoDbException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500
                    || e instanceof software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException) {
                throw new StoreUnavailableException("The presence store is unavailable or busy.", e);
            }
            if (e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                throw refused(e);
            }
            throw e;
        }
    }
}
