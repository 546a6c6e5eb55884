package io.graphpresence.wiring;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.DynamoDirectoryStore;
import io.graphpresence.store.TableAccess;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory, with the tenants that every cross-tenant read and every delivery's trust
 * filter load ({@link #findTenants}) held per function instance for {@link #TENANT_TTL}, at
 * most {@value #MAX_TENANTS} of them (least recently used out first), absent ones included.
 * Without it, every cross-tenant read of a large tenant's users reads that tenant's one item,
 * a single key whose rate grows with the whole service.
 *
 * <p>Staleness: another instance's change to a tenant's policy or domains reaches this one
 * within {@link #TENANT_TTL}; a change made through this instance is seen at once here (the
 * local stack runs every function in one instance, so there it is seen at once everywhere).
 * Single lookups ({@link #findTenant}: the admin API, a user's creation) are not cached.
 */
@Singleton
@Replaces(DynamoDirectoryStore.class)
public class CachedDirectoryStore implements DirectoryStore {

    public static final Duration TENANT_TTL = Duration.ofMinutes(1);
    public static final int MAX_TENANTS = 1_000;

    private final DirectoryStore directory;
    private final ExpiringCache<String, Optional<Tenant>> tenants;

    public CachedDirectoryStore(TableAccess table, Clock clock) {
        this.directory = new DynamoDirectoryStore(table);
        // the service clock: what a moved local clock or a test's clock says, the cache follows
        this.tenants = new ExpiringCache<>(MAX_TENANTS, TENANT_TTL, () -> clock.millis() * 1_000_000L);
    }

    @Override
    public Map<String, Tenant> findTenants(Collection<String> tenantIds) {
        Map<String, Tenant> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : tenantIds) {
            Optional<Tenant> held = tenants.fresh(id);
            if (held == null) {
                missing.add(id);
            } else {
                held.ifPresent(t -> found.put(id, t));
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Tenant> loaded = directory.findTenants(missing);
            for (String id : missing) {
                Tenant tenant = loaded.get(id);
                tenants.put(id, Optional.ofNullable(tenant));
                if (tenant != null) {
                    found.put(id, tenant);
                }
            }
        }
        return found;
    }

    /** How many tenants this instance holds: never more than {@value #MAX_TENANTS}. */
    int cachedTenants() {
        return tenants.size();
    }

    @Override
    public Optional<Tenant> findTenant(String tenantId) {
        return directory.findTenant(tenantId);
    }

    @Override
    public void putTenant(Tenant tenant) {
        forgetting(tenant.id(), () -> {
            directory.putTenant(tenant);
            return null;
        });
    }

    @Override
    public void createTenant(Tenant tenant) {
        forgetting(tenant.id(), () -> {
            directory.createTenant(tenant);
            return null;
        });
    }

    @Override
    public Tenant assignDomains(String tenantId, List<String> domains) {
        return forgetting(tenantId, () -> directory.assignDomains(tenantId, domains));
    }

    @Override
    public Tenant putExternalAccess(String tenantId, ExternalAccess access) {
        return forgetting(tenantId, () -> directory.putExternalAccess(tenantId, access));
    }

    /** A write of a tenant, after which it is loaded again: a write cut short may still have landed. */
    private <T> T forgetting(String tenantId, java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } finally {
            tenants.forget(tenantId);
        }
    }

    @Override
    public void putUser(DirectoryUser user) {
        directory.putUser(user);
    }

    @Override
    public void deleteUser(TenantUser user) {
        directory.deleteUser(user);
    }
}
