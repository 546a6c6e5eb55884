package io.graphpresence.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.graphpresence.directory.DirectoryIds;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a bearer token: RS256 only, signed by a key of an issuer the token's tenant
 * accepts, for our audience, within its lifetime on the service clock (5 minutes of skew at
 * most). The claims become a {@link Caller}.
 */
public final class TokenVerifier {

    /** Where the signing keys of an issuer are, if the tenant accepts that issuer. */
    public interface IssuerKeys {
        Optional<JWKSource<SecurityContext>> keysFor(String issuer, String tenantId);
    }

    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    // mutable sets: Nimbus asks them whether they contain null, which Set.of refuses
    private static final Set<String> REQUIRED_CLAIMS = new HashSet<>(List.of("exp", "tid", "iss"));
    private static final String BEARER = "bearer ";


    private final String audience;
    private final IssuerKeys issuers;
    private final Clock clock;

    public TokenVerifier(String audience, IssuerKeys issuers, Clock clock) {
        this.audience = audience;
        this.issuers = issuers;
        this.clock = clock;
    }

    /** A verified token: who calls, and until when the token is good. */
    public record VerifiedToken(Caller caller, java.time.Instant expiresAt) {
    }

    public VerifiedToken verify(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new InvalidTokenException("Access token is empty.");
        }
        SignedJWT token = signed(authorizationHeader.substring(BEARER.length()).trim());
        JWTClaimsSet unverified = claims(token);
        String issuer = unverified.getIssuer();
        // checked before anything is looked up for it: the token is not verified yet
        String tenantId = guidClaim(unverified, "tid");
        JWKSource<SecurityContext> keys = issuers.keysFor(issuer, tenantId).orElseThrow(() ->
                new InvalidTokenException("The issuer '" + issuer + "' is not trusted for tenant '" + tenantId + "'."));
        try {
            JWTClaimsSet claims = processor(issuer, keys).process(token, null);
            Date exp = claims.getExpirationTime();
            return new VerifiedToken(toCaller(claims), exp == null ? null : exp.toInstant());
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("Access token validation failure: " + e.getMessage());
        }
    }

    private static SignedJWT signed(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("Access token is malformed.");
        }
        if (!(jwt instanceof SignedJWT signed) || !JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("Access token must be signed with RS256.");
        }
        return signed;
    }

    private DefaultJWTProcessor<SecurityContext> processor(String issuer, JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(List.of(audience)), new JWTClaimsSet.Builder().issuer(issuer).build(),
                REQUIRED_CLAIMS, null) {
            @Override
            protected Date currentTime() {
                // the service clock, so that a moved local clock and token lifetimes agree
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) MAX_CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    private static JWTClaimsSet claims(SignedJWT token) {
        try {
            return token.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("Access token claims are malformed.");
        }
    }

    private static Caller toCaller(JWTClaimsSet claims) {
        String scp = stringClaim(claims, "scp");
        String appId = stringClaim(claims, "azp");
        if (appId == null) {
            appId = stringClaim(claims, "appid");
        }
        if (appId == null) {
            throw new InvalidTokenException("Access token has no application id (azp or appid).");
        }
        String userId = scp != null ? guidClaim(claims, "oid") : null;
        if (scp != null && userId == null) {
            throw new InvalidTokenException("A delegated access token must name its user (oid).");
        }
        Set<String> scopes = scp == null ? Set.of() : new HashSet<>(List.of(scp.trim().split("\\s+")));
        List<String> roles;
        try {
            roles = claims.getStringListClaim("roles");
        } catch (ParseException e) {
            throw new InvalidTokenException("The roles claim must be a list of strings.");
        }
        return new Caller(guidClaim(claims, "tid"), userId, appId, scopes,
                roles == null ? Set.of() : new HashSet<>(roles));
    }

    /** A GUID claim (tenant and user ids) in lower case, the form the directory keeps; null when absent. */
    private static String guidClaim(JWTClaimsSet claims, String name) {
        String value = stringClaim(claims, name);
        if (value == null) {
            return null;
        }
        String id = DirectoryIds.normalized(value);
        if (id == null) {
            throw new InvalidTokenException("The " + name + " claim must be a GUID.");
        }
        return id;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new InvalidTokenException("The " + name + " claim must be a string.");
        }
    }
}
