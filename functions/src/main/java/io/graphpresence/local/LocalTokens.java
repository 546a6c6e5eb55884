package io.graphpresence.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints Entra-shaped access tokens for the local stack with a key made at start-up:
 * delegated ({@code oid}, {@code scp}) when a user is named, application ({@code roles})
 * otherwise. Lifetimes follow the dev clock, as verification does.
 */
public final class LocalTokens {

    public static final String AUDIENCE = "api://presence";
    static final List<String> DEFAULT_SCOPES = List.of("Presence.Read.All", "Presence.ReadWrite");
    static final List<String> DEFAULT_ROLES = List.of("Presence.ReadWrite.All");

    private final RSAKey key;
    private final String issuer;
    private final Clock clock;

    public LocalTokens(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not make a signing key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The public half, as served at {@code /_local/jwks.json}. */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /**
     * @param userId null for an application token
     * @param scopes null for the defaults of a delegated token
     * @param roles  null for the defaults of an application token (and none in a delegated one)
     */
    public String mint(String tenantId, String appId, String userId, List<String> scopes, List<String> roles,
                       Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(AUDIENCE)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("tid", tenantId).claim("azp", appId).claim("appid", appId).claim("ver", "2.0");
        if (userId != null) {
            claims.claim("oid", userId).claim("scp", String.join(" ", scopes == null ? DEFAULT_SCOPES : scopes));
            if (roles != null) {
                // app roles assigned to a user travel in delegated tokens too, as Entra does it
                claims.claim("roles", roles);
            }
        } else {
            claims.claim("roles", roles == null ? DEFAULT_ROLES : roles);
        }
        return sign(claims.build());
    }

    /** The private signing key, for tests that must forge tokens the way an attacker would. */
    public RSAKey signingKeyForTests() {
        return key;
    }

    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }
}
