package io.graphpresence.wiring;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.graphpresence.access.TokenVerifier;
import io.graphpresence.store.DirectoryStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;

/**
 * Builds the token verifier from {@code presence.auth.*}: the audience to accept and the
 * platform issuer, whose keys are inline ({@code jwks}, the local stack and tests) or at a
 * JWKS URL. Tenants add issuers of their own in the directory.
 */
@Factory
public class TokenVerifierFactory {

    @Singleton
    TokenVerifier tokenVerifier(@Value("${presence.auth.issuer}") String issuer,
                                @Value("${presence.auth.audience:api://presence}") String audience,
                                @Nullable @Value("${presence.auth.jwks:}") String jwks,
                                @Nullable @Value("${presence.auth.jwks-url:}") String jwksUrl,
                                DirectoryStore directory, Clock clock) {
        return new TokenVerifier(audience, new TenantIssuerKeys(issuer, keys(jwks, jwksUrl), directory), clock);
    }

    private static JWKSource<SecurityContext> keys(String jwks, String jwksUrl) {
        if (jwks != null && !jwks.isBlank()) {
            try {
                return new ImmutableJWKSet<>(JWKSet.parse(jwks));
            } catch (ParseException e) {
                throw new ConfigurationException("presence.auth.jwks is not a JWK set: " + e.getMessage(), e);
            }
        }
        if (jwksUrl != null && !jwksUrl.isBlank()) {
            return TenantIssuerKeys.remoteKeys(jwksUrl);
        }
        throw new ConfigurationException("Set presence.auth.jwks or presence.auth.jwks-url.");
    }
}
