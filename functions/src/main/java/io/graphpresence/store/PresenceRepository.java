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

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way every function reads and writes presence and the directory. A read of one
 * user is one storage request; a presence write is one request with no read before it.
 * Writes fail with {@link UserNotFoundException} or {@link OtherTenantException} and change
 * nothing; the directory's writes, with {@link ConflictException} or
 * {@link TenantNotFoundException}, also change nothing. Any storage outage is a
 * {@link StoreUnavailableException}.
 */
public interface PresenceRepository {

    /**
     * The most verified domains a tenant may have: a change is one transaction of at most 100
     * writes (the tenant, a claim per domain kept or added, a release per domain dropped).
     */
    int MAX_DOMAINS = 49;

    Optional<UserRecord> findUser(String userId);

    /** The users found, by id; ids nobody knows are absent from the map. */
    Map<String, UserRecord> findUsers(Collection<String> userIds);

    void putSession(TenantUser target, Session session, Instant now);

    /** @throws SessionNotFoundException when the user has no such session */
    void removeSession(TenantUser target, String sessionId, Instant now);

    void putPreferred(TenantUser target, PreferredPresence preferred, Instant now);

    void removePreferred(TenantUser target, Instant now);

    /** @param message null clears the status message */
    void putStatusMessage(TenantUser target, StatusMessage message, Instant now);

    /** Sets the mailbox settings the update names, and leaves the others as they are. */
    default void putMailboxSettings(TenantUser target, MailboxSettingsUpdate update, Instant now) {
        putMailboxSettings(target, update, now, now);
    }

    /**
     * @param lastModified when the source changed them: settings changed later are kept
     * @return false when newer settings are stored (this change is ignored)
     */
    boolean putMailboxSettings(TenantUser target, MailboxSettingsUpdate update, Instant now, Instant lastModified);

    // calendar and work location (spec section 5)

    /**
     * The event, unless the user has none by that id (deleted ones included): one GetItem.
     *
     * @throws OtherTenantException when the user's calendar is not the owner's tenant's
     */
    Optional<CalendarEvent> findEvent(TenantUser owner, String eventId);

    /**
     * Stores the event, with what presence needs of it on the user's item, in one transaction.
     *
     * @return false when a version modified as late or later is stored (this one is ignored)
     */
    boolean putEvent(TenantUser owner, CalendarEvent event, Instant now);

    /** @return false when a version modified later is stored (the deletion is ignored) */
    boolean deleteEvent(TenantUser owner, String eventId, Instant lastModified, Instant now);

    /** Moves an event that now overlaps the coming day onto its user's item (the schedule's part). */
    void moveEventNear(String userId, String eventId, Instant now);

    /** Sets today's manual or automatic work location. */
    void putWorkLocation(TenantUser target, WorkLocation.Source source, WorkLocation.Type type, String placeId,
                         Instant now);

    /** @param source the location to clear, or null for both */
    void removeWorkLocation(TenantUser target, WorkLocation.Source source, Instant now);

    /**
     * Creates or replaces a tenant whole, claiming the domains it lists and releasing those it
     * no longer lists, in one transaction: the seed file's way in.
     *
     * @throws ConflictException when one of its domains is another tenant's; nothing changes then
     */
    void putTenant(Tenant tenant);

    Optional<Tenant> findTenant(String tenantId);

    /** The tenants found, by id, in one batched read per 100 ids. */
    Map<String, Tenant> findTenants(Collection<String> tenantIds);

    /** Every tenant; a directory holds few, so this reads them all at once. */
    List<Tenant> listTenants();

    /**
     * The directory entries of a tenant's users, in no particular order. Like
     * {@link #listTenants()} this scans the table: an administrator's occasional look, not a
     * request path.
     */
    List<DirectoryUser> listUsers(String tenantId);

    /**
     * Creates or updates a user's directory entry; their presence is left as it is.
     *
     * @throws TenantNotFoundException when the user's tenant does not exist
     * @throws ConflictException       when the id is a user of another tenant: users never move
     */
    void putUser(DirectoryUser user);

    /** @throws UserNotFoundException when the tenant has no such user (another tenant's included) */
    void deleteUser(TenantUser user);

    /** @throws ConflictException when it exists, or one of its domains is another tenant's; nothing changes then */
    void createTenant(Tenant tenant);

    /**
     * Makes {@code domains} the tenant's verified domains, releasing the others.
     *
     * @return the tenant with its new domains
     * @throws TenantNotFoundException when there is no such tenant
     * @throws ConflictException       when one is another tenant's; nothing changes then
     */
    Tenant assignDomains(String tenantId, List<String> domains);

    /**
     * @return the tenant with its new policy
     * @throws TenantNotFoundException when there is no such tenant
     */
    Tenant putExternalAccess(String tenantId, ExternalAccess access);

    // change notifications (spec section 6)

    /**
     * Stores a new subscription with a watch per user it watches, counted against its
     * application's quota in the same transaction.
     *
     * @param quota how many subscriptions its application (per tenant) may have at once
     * @throws ConflictException       when its application already has a live subscription for its delegated user
     * @throws QuotaExceededException when its application has {@code quota} subscriptions already
     */
    void createSubscription(Subscription subscription, Instant now, int quota);

    /** The subscription, if the application has one by that id (expired ones included until removed). */
    Optional<Subscription> findSubscription(SubscriptionKey key);

    /**
     * Up to {@code limit} of the application's subscriptions (expired ones included until
     * removed), in id order, after the id {@code afterId} (null: from the first): one Query.
     */
    SubscriptionPage listSubscriptions(String tenantId, String appId, String afterId, int limit);

    /** @throws SubscriptionNotFoundException when it was deleted meanwhile */
    void renewSubscription(Subscription subscription);

    /** Records how deliveries go, leaving its expiry to renewals. */
    void recordDelivery(Subscription subscription, DeliveryState state);

    /** Removes it with its watches, its delegated claim and whatever was pending for it. */
    void deleteSubscription(Subscription subscription);

    /**
     * The unexpired subscriptions watching each user: one query per user, then one batched
     * read of the subscriptions they name (ceil(n/100) requests for n distinct ones).
     */
    Map<String, List<Subscription>> subscriptionsWatching(Collection<String> userIds, Instant now);

    /** Keeps one pending notification per user, a newer one replacing the older. */
    void putPending(Subscription subscription, List<String> userIds, Instant now);

    /** The users with a pending notification, each with the marker of the change it stands for. */
    Map<String, String> pending(Subscription subscription);

    /** Drops the delivered ones, unless a newer change replaced one meanwhile. */
    void removePending(Subscription subscription, Map<String, String> delivered);

    /** Users and subscriptions with something due at or before {@code now}. */
    DueWork due(Instant now);

    /**
     * Marks that time alone changed what readers of the user see: a write that changes no
     * presence, so that the stream carries the change like any other.
     */
    void markTimeDrivenChange(String userId, Instant now);

    /**
     * What the stream consumer learned about a user: the fingerprint of the presence it has
     * notified, and the next moment the presence changes by itself; calendar events that
     * have ended leave the user's item.
     *
     * Not tied to a version: a write in between leaves a record of its own, which brings the
     * next change up to date.
     */
    void recordNotified(String userId, String shown, Instant nextChange, List<String> endedEvents);
}
