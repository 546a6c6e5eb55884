package io.graphpresence.wiring;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.store.AllStores;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.RequestCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-instance tenant cache of cross-tenant reads (README, Scale; docs/security.md), on
 * DynamoDB Local: it bounds how often a tenant's item is read, holds at most its bound of
 * tenants, and serves another instance's policy change once its time to live has passed on
 * the service clock.
 */
class TenantCacheTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();
    private static final RequestCounter counter = harness.context.getBean(RequestCounter.class);

    /** A reader's tenant and an owner's, trusting each other, and a user of the owner's. */
    private record Pair(String reader, String owner, String user, String token) {
    }

    private static Pair trustingPair() {
        String reader = UUID.randomUUID().toString();
        String owner = UUID.randomUUID().toString();
        ExternalAccess all = new ExternalAccess(ExternalAccess.Mode.allowAll, List.of());
        harness.repository().putTenant(new Tenant(reader, "Reader", List.of(reader + ".example"), all, List.of()));
        harness.repository().putTenant(new Tenant(owner, "Owner", List.of(owner + ".example"), all, List.of()));
        String user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, owner, "u@" + owner + ".example", null));
        String token = harness.appToken(reader, FunctionHarness.APP, "Presence.Read.All");
        return new Pair(reader, owner, user, token);
    }

    private static String availability(Pair pair) {
        return harness.get("/v1.0/users/" + pair.user() + "/presence", pair.token()).availability();
    }

    /** Stores on the same table that are not this instance's: another function instance's writes. */
    private static AllStores anotherInstance() {
        return AllStores.over(harness.context.getBean(DynamoDbClient.class),
                harness.context.getProperty("presence.table.name", String.class).orElseThrow());
    }

    @Test
    void fiftyCrossTenantReadsReadTheTenantsOnce() {
        Pair pair = trustingPair();
        counter.reset();
        for (int i = 0; i < 50; i++) {
            assertEquals("Offline", availability(pair));
        }
        List<String> sent = counter.sent();
        assertEquals(50, sent.stream().filter("GetItem"::equals).count(), sent::toString);
        assertEquals(1, sent.stream().filter("BatchGetItem"::equals).count(), "both tenants in one read, once");
    }

    @Test
    void anotherInstancesPolicyChangeIsSeenOnceTheTimeToLiveHasPassed() {
        Pair pair = trustingPair();
        assertEquals("Offline", availability(pair));
        anotherInstance().putExternalAccess(pair.owner(), ExternalAccess.DISABLED);

        assertEquals("Offline", availability(pair), "held for up to the time to live: the documented staleness");
        harness.clock.advance(CachedDirectoryStore.TENANT_TTL.minusSeconds(1));
        assertEquals("Offline", availability(pair));
        harness.clock.advance(Duration.ofSeconds(1));
        assertEquals("PresenceUnknown", availability(pair), "loaded again, the owner no longer trusts the reader");
    }

    @Test
    void aPolicyChangeThroughThisInstanceIsSeenAtOnce() {
        Pair pair = trustingPair();
        assertEquals("Offline", availability(pair));
        harness.repository().putExternalAccess(pair.owner(), ExternalAccess.DISABLED);
        assertEquals("PresenceUnknown", availability(pair));
    }

    @Test
    void manyTenantsLeaveABoundedCacheAndUnknownOnesAreRememberedAsUnknown() {
        CachedDirectoryStore directory = (CachedDirectoryStore) harness.context.getBean(DirectoryStore.class);
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < CachedDirectoryStore.MAX_TENANTS + 500; i++) {
            unknown.add(UUID.randomUUID().toString());
        }
        assertTrue(directory.findTenants(unknown).isEmpty());
        assertTrue(directory.cachedTenants() <= CachedDirectoryStore.MAX_TENANTS, directory.cachedTenants() + " held");

        List<String> recent = unknown.subList(unknown.size() - 100, unknown.size());
        counter.reset();
        assertTrue(directory.findTenants(recent).isEmpty());
        assertEquals(List.of(), counter.sent(), "the most recent unknown tenants are held as unknown");
    }
}
