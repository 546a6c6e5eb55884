package io.graphpresence.wiring;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.graphpresence.directory.Tenant;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strangers cannot make the authorizer's tenant cache grow, nor look a tenant up again and again. */
class TenantIssuerKeysTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private final TenantIssuerKeys keys = new TenantIssuerKeys("https://platform.example",
            new ImmutableJWKSet<>(new JWKSet()), id -> {
                lookups.incrementAndGet();
                return Optional.<Tenant>empty();
            });

    @Test
    void twentyThousandRandomTenantsLeaveABoundedCache() {
        for (int i = 0; i < 20_000; i++) {
            keys.keysFor("https://idp.example", UUID.randomUUID().toString());
        }
        assertEquals(20_000, lookups.get());
        assertTrue(keys.cachedTenants() <= TenantIssuerKeys.MAX_TENANTS, keys.cachedTenants() + " cached");
    }

    @Test
    void anUnknownTenantIsRememberedAsUnknown() {
        String tenant = UUID.randomUUID().toString();
        for (int i = 0; i < 100; i++) {
            assertTrue(keys.keysFor("https://idp.example", tenant).isEmpty());
        }
        assertEquals(1, lookups.get());
    }
}
