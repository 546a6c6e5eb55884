package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.Tenant;
import io.graphpresence.presence.PreferredPresence;
import io.graphpresence.presence.Session;
import io.graphpresence.presence.StatusMessage;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The one way every function reads and writes presence and the directory. A read of one
 * user is one storage request; a write is one request with no read before it. Writes fail
 * with {@link UserNotFoundException} or {@link OtherTenantException} and change nothing;
 * any storage outage is a {@link StoreUnavailableException}.
 */
public interface PresenceRepository {

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
    void putMailboxSettings(TenantUser target, io.graphpresence.presence.MailboxSettingsUpdate update, Instant now);

    void putTenant(Tenant tenant);

    Optional<Tenant> findTenant(String tenantId);

    /** The tenants found, by id, in one batched read per 100 ids. */
    Map<String, Tenant> findTenants(Collection<String> tenantIds);

    /** Every tenant; a directory holds few, so this reads them all at once. */
    java.util.List<Tenant> listTenants();

    /**
     * Creates or updates a user's directory entry; their presence is left as it is.
     *
     * @throws ConflictException when the id is a user of another tenant
     */
    void putUser(DirectoryUser user);

    /** @throws UserNotFoundException when the tenant has no such user */
    void deleteUser(TenantUser user);

    /** @throws ConflictException when it exists, or one of its domains is another tenant's */
    void createTenant(Tenant tenant);

    /**
     * Makes {@code domains} the tenant's verified domains, releasing the others.
     *
     * @throws ConflictException when one is another tenant's; nothing changes then
     */
    void assignDomains(String tenantId, java.util.List<String> domains);

    void putExternalAccess(String tenantId, io.graphpresence.directory.ExternalAccess access);
}
