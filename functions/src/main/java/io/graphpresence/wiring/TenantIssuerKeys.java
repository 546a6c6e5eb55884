package io.graphpresence.wiring;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.graphpresence.access.TokenVerifier;
import io.graphpresence.directory.Tenant;
import io.graphpresence.store.DirectoryStore;

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys a token may be signed with: the platform issuer's (configured for the whole
 * deployment, such as the local stack's) for any tenant, or an issuer the token's tenant
 * names. Tenants are cached for a minute and JWKS per URL, so a warm authorizer rarely reads
 * anything; an unknown {@code kid} makes the JWKS source fetch the set again once.
 */
final class TenantIssuerKeys implements TokenVerifier.IssuerKeys {

    private static final Duration TENANT_CACHE = Duration.ofMinutes(1);

    private record CachedTenant(Optional<Tenant> tenant, long loadedAtNanos) {
    }

    private final String platformIssuer;
    private final JWKSource<SecurityContext> platformKeys;
    private final DirectoryStore directory;
    private final Map<String, CachedTenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, JWKSource<SecurityContext>> keysByUrl = new ConcurrentHashMap<>();

    TenantIssuerKeys(String platformIssuer, JWKSource<SecurityContext> platformKeys, DirectoryStore directory) {
        this.platformIssuer = platformIssuer;
        this.platformKeys = platformKeys;
        this.directory = directory;
    }

    @Override
    public Optional<JWKSource<SecurityContext>> keysFor(String issuer, String tenantId) {
        if (issuer == null || tenantId == null) {
            return Optional.empty();
        }
        if (issuer.equals(platformIssuer)) {
            return Optional.of(platformKeys);
        }
        return tenant(tenantId).flatMap(t -> t.issuers().stream()
                .filter(accepted -> accepted.issuer().equals(issuer))
                .findFirst()
                .map(accepted -> keysByUrl.computeIfAbsent(accepted.jwksUrl(), TenantIssuerKeys::remoteKeys)));
    }

    private Optional<Tenant> tenant(String tenantId) {
        long now = System.nanoTime();
        CachedTenant cached = tenants.get(tenantId);
        if (cached == null || now - cached.loadedAtNanos() > TENANT_CACHE.toNanos()) {
            cached = new CachedTenant(directory.findTenant(tenantId), now);
            tenants.put(tenantId, cached);
        }
        return cached.tenant();
    }

    static JWKSource<SecurityContext> remoteKeys(String jwksUrl) {
        try {
            // cached, refreshed when a token names a kid the cached set lacks
            return JWKSourceBuilder.<SecurityContext>create(new URL(jwksUrl)).retrying(true).rateLimited(false).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a JWKS URL: " + jwksUrl, e);
        }
    }
}
