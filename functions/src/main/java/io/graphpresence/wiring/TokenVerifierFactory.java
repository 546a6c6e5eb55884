package io.graphpresence.wiring;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.graphpresence.access.TokenVerifier;
import io.graphpresence.store.DirectoryStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;

/**
 * Builds the token verifier from {@link PresenceSettings}: the audience to accept and the
 * platform issuer, whose keys are inline ({@code presence.auth.jwks}, the local stack and
 * tests) or at a JWKS URL. Tenants add issuers of their own in the directory.
 */
@Factory
public class TokenVerifierFactory {

    @Singleton
    TokenVerifier tokenVerifier(PresenceSettings settings, DirectoryStore directory, Clock clock) {
        return new TokenVerifier(settings.audience(),
                new TenantIssuerKeys(settings.issuer(), keys(settings), directory::findTenant,
                        () -> clock.millis() * 1_000_000L), clock);
    }

    private static JWKSource<SecurityContext> keys(PresenceSettings settings) {
        if (settings.jwks() != null) {
            try {
                return new ImmutableJWKSet<>(JWKSet.parse(settings.jwks()));
            } catch (ParseException e) {
                throw new ConfigurationException(PresenceSettings.JWKS + " is not a JWK set: " + e.getMessage(), e);
            }
        }
        return TenantIssuerKeys.remoteKeys(settings.jwksUrl());
    }
}
