package io.graphpresence.wiring;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.graphpresence.access.TokenVerifier;
import io.graphpresence.directory.Tenant;

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The keys a token may be signed with: the platform issuer's (configured for the whole
 * deployment, such as the local stack's) for any tenant, or an issuer the token's tenant
 * names. Strangers can name any tenant before their signature is checked, so nothing here
 * grows with them: tenants, found or not, are cached for a minute, at most
 * {@value #MAX_TENANTS} of them; JWKS sources per URL, at most {@value #MAX_JWKS_URLS}. Each
 * JWKS source refreshes on an unknown {@code kid} but is rate limited (Nimbus's default: a
 * refresh and one more per 30 s), and keeps serving the cached set through an outage of the
 * JWKS endpoint.
 */
final class TenantIssuerKeys implements TokenVerifier.IssuerKeys {

    static final int MAX_TENANTS = 1_000;
    static final int MAX_JWKS_URLS = 1_000;
    static final Duration TENANT_CACHE = Duration.ofMinutes(1);
    private static final Duration JWKS_SOURCE_CACHE = Duration.ofHours(1);

    private final String platformIssuer;
    private final JWKSource<SecurityContext> platformKeys;
    private final Function<String, Optional<Tenant>> findTenant;
    private final ExpiringCache<String, Optional<Tenant>> tenants;
    private final ExpiringCache<String, JWKSource<SecurityContext>> keysByUrl;

    TenantIssuerKeys(String platformIssuer, JWKSource<SecurityContext> platformKeys,
                     Function<String, Optional<Tenant>> findTenant) {
        this(platformIssuer, platformKeys, findTenant, System::nanoTime);
    }

    /** @param nanoTime what the caches' lifetimes are measured on: the service clock, so a moved dev clock ages them */
    TenantIssuerKeys(String platformIssuer, JWKSource<SecurityContext> platformKeys,
                     Function<String, Optional<Tenant>> findTenant, LongSupplier nanoTime) {
        this.platformIssuer = platformIssuer;
        this.platformKeys = platformKeys;
        this.findTenant = findTenant;
        this.tenants = new ExpiringCache<>(MAX_TENANTS, TENANT_CACHE, nanoTime);
        this.keysByUrl = new ExpiringCache<>(MAX_JWKS_URLS, JWKS_SOURCE_CACHE, nanoTime);
    }

    @Override
    public Optional<JWKSource<SecurityContext>> keysFor(String issuer, String tenantId) {
        if (issuer == null || tenantId == null) {
            return Optional.empty();
        }
        if (issuer.equals(platformIssuer)) {
            return Optional.of(platformKeys);
        }
        return tenants.get(tenantId, findTenant).flatMap(t -> t.issuers().stream()
                .filter(accepted -> accepted.issuer().equals(issuer))
                .findFirst()
                .map(accepted -> keysByUrl.get(accepted.jwksUrl(), TenantIssuerKeys::remoteKeys)));
    }

    /** How many tenants are cached: bounded, whatever strangers send. */
    int cachedTenants() {
        return tenants.size();
    }

    static JWKSource<SecurityContext> remoteKeys(String jwksUrl) {
        try {
            // cached; refreshed when a token names a kid the cached set lacks, at a limited rate
            return JWKSourceBuilder.<SecurityContext>create(new URL(jwksUrl))
                    .retrying(true).rateLimited(true).outageTolerant(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a JWKS URL: " + jwksUrl, e);
        }
    }
}
