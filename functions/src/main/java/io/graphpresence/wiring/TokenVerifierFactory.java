package io.graphpresence.wiring;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.graphpresence.access.TokenVerifier;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.MalformedURLException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;

/**
 * Builds the token verifier from {@code presence.auth.*}: the issuer and audience to accept,
 * and the signing keys either inline ({@code jwks}, the local stack and tests) or at a JWKS
 * URL, fetched and cached.
 */
@Factory
public class TokenVerifierFactory {

    @Singleton
    TokenVerifier tokenVerifier(@Value("${presence.auth.issuer}") String issuer,
                                @Value("${presence.auth.audience:api://presence}") String audience,
                                @Nullable @Value("${presence.auth.jwks:}") String jwks,
                                @Nullable @Value("${presence.auth.jwks-url:}") String jwksUrl,
                                Clock clock) {
        return new TokenVerifier(issuer, audience, keys(jwks, jwksUrl), clock);
    }

    private static JWKSource<SecurityContext> keys(String jwks, String jwksUrl) {
        try {
            if (jwks != null && !jwks.isBlank()) {
                return new ImmutableJWKSet<>(JWKSet.parse(jwks));
            }
            if (jwksUrl != null && !jwksUrl.isBlank()) {
                return JWKSourceBuilder.<SecurityContext>create(new URL(jwksUrl)).retrying(true).build();
            }
        } catch (ParseException | MalformedURLException e) {
            throw new ConfigurationException("presence.auth keys are not usable: " + e.getMessage(), e);
        }
        throw new ConfigurationException("Set presence.auth.jwks or presence.auth.jwks-url.");
    }
}
