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
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

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
@Singleton
public class DynamoPresenceRepository implements PresenceRepository {

    private static final String SAME_TENANT = "attribute_exists(pk) AND #tenant = :tenant";

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchReader batchReader;
    private final DirectoryWrites directory;
    private final NotificationTable notifications;
    private final DueIndex dueIndex;
    private final CalendarWrites calendar;

    public DynamoPresenceRepository(DynamoDbClient dynamo, @Value("${presence.table.name:presence}") String table) {
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
        write(target, now, new Change()
                .set("#sessions.#sid = :session")
                .name("#sessions", SESSIONS).name("#sid", session.id())
                .value(":session", PresenceItems.session(session)));
    }

    @Override
    public void removeSession(TenantUser target, String sessionId, Instant now) {
        Change change = new Change()
                .remove("#sessions.#sid")
                .name("#sessions", SESSIONS).name("#sid", sessionId)
                .condition("attribute_exists(#sessions.#sid)");
        if (!write(target, now, change)) {
            throw new SessionNotFoundException(sessionId);
        }
    }

    @Override
    public void putPreferred(TenantUser target, PreferredPresence preferred, Instant now) {
        write(target, now, new Change().set("#preferred = :preferred")
                .name("#preferred", PREFERRED).value(":preferred", PresenceItems.preferred(preferred)));
    }

    @Override
    public void removePreferred(TenantUser target, Instant now) {
        write(target, now, new Change().remove("#preferred").name("#preferred", PREFERRED));
    }

    @Override
    public void putStatusMessage(TenantUser target, StatusMessage message, Instant now) {
        Change change = new Change().name("#status", STATUS);
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
        Change change = new Change()
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
    public Optional<CalendarEvent> findEvent(String userId, String eventId) {
        return guarded(() -> calendar.find(userId, eventId));
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
        write(target, now, new Change().set("#location = :location").name("#location", locationAttribute(source))
                .value(":location", PresenceItems.location(type, placeId, now)));
    }

    @Override
    public void removeWorkLocation(TenantUser target, WorkLocation.Source source, Instant now) {
        Change change = new Change();
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

    private static void setIfGiven(Change change, String attribute, AttributeValue value) {
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
    public void createSubscription(Subscription subscription, Instant now) {
        run(() -> notifications.create(subscription, now));
    }

    @Override
    public Optional<Subscription> findSubscription(SubscriptionKey key) {
        return Optional.ofNullable(guarded(() -> notifications.find(key)));
    }

    @Override
    public List<Subscription> listSubscriptions(String tenantId, String appId) {
        return guarded(() -> notifications.list(tenantId, appId));
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
    public List<Subscription> subscriptionsWatching(String userId, Instant now) {
        return guarded(() -> notifications.watching(userId, now));
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
        Map<String, String> names = new HashMap<>(Map.of("#shown", SHOWN, "#shard", DueIndex.SHARD,
                "#due", DueIndex.DUE_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":shown", s(shown)));
        List<String> removes = new java.util.ArrayList<>();
        String set;
        if (nextChange == null) {
            set = "SET #shown = :shown";
            removes.addAll(List.of("#shard", "#due"));
        } else {
            set = "SET #shown = :shown, #shard = :shard, #due = :due";
            values.putAll(Map.of(":shard", s(DueIndex.shard(USER_PREFIX + userId)), ":due", millis(nextChange)));
        }
        for (int i = 0; i < endedEvents.size(); i++) {
            names.put("#ended" + i, calendarAttribute(endedEvents.get(i)));
            removes.add("#ended" + i);
        }
        String expression = set + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        // not conditional on the version: what was notified stays true whatever was written since,
        // and a newer write's record (or this write's own) brings the next change up to date
        try {
            run(() -> dynamo.updateItem(u -> u.tableName(table).key(userKey(userId))
                    .updateExpression(expression).conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(names).expressionAttributeValues(values)));
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
     * One conditional UpdateItem: the change, a version bump and the write time, only for a
     * user of the writer's tenant. On a failed condition DynamoDB hands back the old item,
     * which tells an unknown user from another tenant's without a read before the write.
     *
     * @return false when the user is fine but the change's own condition failed
     */
    private boolean write(TenantUser target, Instant now, Change change) {
        change.set("#written = :now").name("#written", WRITTEN_AT).value(":now", millis(now))
                .name("#ver", VERSION).value(":one", n(1))
                .name("#tenant", TENANT_ID).value(":tenant", s(target.tenantId()));
        String condition = change.condition == null ? SAME_TENANT : SAME_TENANT + " AND " + change.condition;
        try {
            guarded(() -> dynamo.updateItem(b -> b.tableName(table).key(userKey(target.userId()))
                    .updateExpression(change.expression())
                    .conditionExpression(condition)
                    .expressionAttributeNames(change.names)
                    .expressionAttributeValues(change.values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            return true;
        } catch (ConditionalCheckFailedException failed) {
            Map<String, AttributeValue> old = failed.item();
            if (old == null || old.isEmpty()) {
                throw new UserNotFoundException(target.userId());
            }
            if (!target.tenantId().equals(old.get(TENANT_ID).s())) {
                throw new OtherTenantException(target.userId());
            }
            return false;
        }
    }

    /** Outages and throttling become {@link StoreUnavailableException}; a failed condition passes through. */
    private static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkClientException e) {
            throw new StoreUnavailableException("The presence store could not be reached.", e);
        } catch (DynamoDbException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500
                    || e instanceof software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException) {
                throw new StoreUnavailableException("The presence store is unavailable or busy.", e);
            }
            throw e;
        }
    }

    /** The parts of one UpdateItem, collected so every write adds the same bookkeeping. */
    private static final class Change {
        private final List<String> sets = new java.util.ArrayList<>();
        private final List<String> removes = new java.util.ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();
        private String condition;

        Change set(String clause) {
            sets.add(clause);
            return this;
        }

        Change remove(String path) {
            removes.add(path);
            return this;
        }

        Change name(String placeholder, String name) {
            names.put(placeholder, name);
            return this;
        }

        Change value(String placeholder, AttributeValue value) {
            values.put(placeholder, value);
            return this;
        }

        Change condition(String expression) {
            condition = expression;
            return this;
        }

        String expression() {
            StringBuilder e = new StringBuilder("SET ").append(String.join(", ", sets));
            if (!removes.isEmpty()) {
                e.append(" REMOVE ").append(String.join(", ", removes));
            }
            return e.append(" ADD #ver :one").toString();
        }
    }
}
