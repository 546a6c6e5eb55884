package io.graphpresence.store;

import io.graphpresence.directory.ConflictException;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TenantNotFoundException;
import io.graphpresence.directory.UserNotFoundException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory: tenants, their verified domains and their users. Its writes fail with
 * {@link ConflictException} or {@link TenantNotFoundException} and change nothing then. Any
 * storage outage is a {@link StoreUnavailableException}.
 */
public interface DirectoryStore {

    /**
     * The most verified domains a tenant may have: a change is one transaction of at most 100
     * writes (the tenant, a claim per domain kept or added, a release per domain dropped).
     */
    int MAX_DOMAINS = 49;

    Optional<Tenant> findTenant(String tenantId);

    /** The tenants found, by id, in one batched read per 100 ids. */
    Map<String, Tenant> findTenants(Collection<String> tenantIds);

    /**
     * Creates or replaces a tenant whole, claiming the domains it lists and releasing those it
     * no longer lists, in one transaction: the seed file's way in.
     *
     * @throws ConflictException when one of its domains is another tenant's; nothing changes then
     */
    void putTenant(Tenant tenant);

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

    /**
     * Creates or updates a user's directory entry; their presence is left as it is.
     *
     * @throws TenantNotFoundException when the user's tenant does not exist
     * @throws ConflictException       when the id is a user of another tenant: users never move
     */
    void putUser(DirectoryUser user);

    /**
     * Deletes the user with everything that is theirs: their presence, calendar events, the
     * watches of them and what was pending for them, and the subscriptions they made as a
     * delegated user. Bounded batches, each found by its key, never a scan; the user's item
     * goes last, so a deletion cut short by an outage is finished by trying again.
     *
     * @throws UserNotFoundException when the tenant has no such user (another tenant's included)
     */
    void deleteUser(TenantUser user);
}
