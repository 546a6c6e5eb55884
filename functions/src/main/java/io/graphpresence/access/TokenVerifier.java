package io.graphpresence.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a bearer token (RS256 only, issuer, audience, expiry and not-before against the
 * service clock) and turns its claims into a {@link Caller}.
 */
public final class TokenVerifier {

    // mutable sets: Nimbus asks them whether they contain null, which Set.of refuses
    private static final Set<String> REQUIRED_CLAIMS = new HashSet<>(List.of("exp", "tid"));
    private static final String BEARER = "bearer ";

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public TokenVerifier(String issuer, String audience, JWKSource<SecurityContext> keys, Clock clock) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(issuer).build();
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(List.of(audience)), exact, REQUIRED_CLAIMS, null) {
            @Override
            protected Date currentTime() {
                // the service clock, so that a moved local clock and token lifetimes agree
                return Date.from(clock.instant());
            }
        });
    }

    public Caller verify(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new InvalidTokenException("Access token is empty.");
        }
        String token = authorizationHeader.substring(BEARER.length()).trim();
        try {
            return toCaller(processor.process(token, null));
        } catch (ParseException e) {
            throw new InvalidTokenException("Access token is malformed.");
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("Access token validation failure: " + e.getMessage());
        }
    }

    private static Caller toCaller(JWTClaimsSet claims) throws ParseException {
        String scp = claims.getStringClaim("scp");
        String appId = claims.getStringClaim("azp");
        if (appId == null) {
            appId = claims.getStringClaim("appid");
        }
        if (appId == null) {
            throw new InvalidTokenException("Access token has no application id (azp or appid).");
        }
        String userId = scp != null ? claims.getStringClaim("oid") : null;
        if (scp != null && userId == null) {
            throw new InvalidTokenException("A delegated access token must name its user (oid).");
        }
        Set<String> scopes = scp == null ? Set.of() : new HashSet<>(List.of(scp.trim().split("\\s+")));
        List<String> roles = claims.getStringListClaim("roles");
        return new Caller(claims.getStringClaim("tid"), userId, appId, scopes,
                roles == null ? Set.of() : new HashSet<>(roles));
    }
}
