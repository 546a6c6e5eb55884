package io.graphpresence.wiring;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TokenIssuer;
import io.graphpresence.local.DevClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
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

    @Test
    void aTenantsNewIssuerIsTrustedOnceTheCachedTenantIsOlderThanItsTimeToLive() {
        DevClock clock = DevClock.frozenAt(java.time.Instant.parse("2026-11-23T09:00:00Z"));
        String tenant = UUID.randomUUID().toString();
        java.util.concurrent.atomic.AtomicReference<List<TokenIssuer>> issuers = new java.util.concurrent.atomic.AtomicReference<>(List.of());
        TenantIssuerKeys onTheClock = new TenantIssuerKeys("https://platform.example", new ImmutableJWKSet<>(new JWKSet()),
                id -> {
                    lookups.incrementAndGet();
                    return Optional.of(new Tenant(id, "T", List.of(), ExternalAccess.DISABLED, issuers.get()));
                }, () -> clock.millis() * 1_000_000L);
        assertTrue(onTheClock.keysFor("https://idp.example", tenant).isEmpty());
        issuers.set(List.of(new TokenIssuer("https://idp.example", "https://idp.example/keys")));

        clock.advance(TenantIssuerKeys.TENANT_CACHE.minusSeconds(1));
        assertTrue(onTheClock.keysFor("https://idp.example", tenant).isEmpty(), "held: one lookup per time to live");
        assertEquals(1, lookups.get());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(onTheClock.keysFor("https://idp.example", tenant).isPresent());
        assertEquals(2, lookups.get());
    }
}
