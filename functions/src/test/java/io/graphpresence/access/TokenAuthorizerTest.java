package io.graphpresence.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TokenIssuer;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalTokens;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorizer refuses every kind of bad token with 401 InvalidAuthenticationToken before
 * any function runs, and accepts the issuers each tenant names, following key rotation.
 */
class TokenAuthorizerTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();
    private static final String PATH = "/v1.0/users/" + ADELE + "/presence";
    private static RSAKey platformKey;

    private static HttpServer jwksServer;
    private static final AtomicReference<JWKSet> served = new AtomicReference<>();
    private static final AtomicInteger jwksFetches = new AtomicInteger();

    @BeforeAll
    static void keys() throws Exception {
        platformKey = harness.tokens.signingKeyForTests();
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksServer.createContext("/keys", exchange -> {
            jwksFetches.incrementAndGet();
            byte[] body = served.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwksServer.start();
    }

    @AfterAll
    static void stopJwks() {
        jwksServer.stop(0);
    }

    @Test
    void aGoodTokenPasses() {
        assertEquals(200, read(sign(platformKey, claims().build())).status());
    }

    @Test
    void noTokenMalformedTokenAndUnsignedTokensAreRefused() {
        assertRefused(harness.get(PATH, null));
        assertRefused(read("not-a-token"));
        assertRefused(read(new PlainJWT(claims().build()).serialize()));
    }

    @Test
    void anHs256TokenSignedWithThePublicKeyIsRefused() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(platformKey.getKeyID()).build(),
                claims().build());
        jwt.sign(new MACSigner(platformKey.toRSAPublicKey().getEncoded()));
        assertRefused(read(jwt.serialize()));
    }

    @Test
    void aKeyTheIssuerDoesNotPublishIsRefused() throws JOSEException {
        assertRefused(read(sign(newKey(), claims().build())));
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() {
        assertRefused(read(sign(platformKey, claims().issuer("https://login.example.com/other").build())));
        assertRefused(read(sign(platformKey, claims().audience("api://someone-else").build())));
    }

    @Test
    void lifetimesHoldWithinFiveMinutesOfSkew() {
        Instant now = harness.clock.instant();
        assertRefused(read(sign(platformKey, claims().expirationTime(Date.from(now.minusSeconds(301))).build())));
        assertRefused(read(sign(platformKey, claims().notBeforeTime(Date.from(now.plusSeconds(301))).build())));
        assertEquals(200, read(sign(platformKey, claims().expirationTime(Date.from(now.minusSeconds(240))).build()))
                .status(), "a clock four minutes behind ours is tolerated");
    }

    @Test
    void aTenantsOwnIssuerIsTrustedForThatTenantOnlyAndItsKeysMayRotate() throws JOSEException {
        String tenant = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        String issuer = "https://idp.example.com/" + tenant + "/v2.0";
        String jwksUrl = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/keys";
        harness.repository().putTenant(new Tenant(tenant, "Tailspin", List.of("tailspin.com"), ExternalAccess.DISABLED,
                List.of(new TokenIssuer(issuer, jwksUrl))));
        harness.repository().putUser(new DirectoryUser(user, tenant, "kim@tailspin.com", "Kim"));
        RSAKey first = newKey();
        served.set(new JWKSet(first.toPublicJWK()));
        String path = "/v1.0/users/" + user + "/presence";

        assertEquals(200, harness.get(path, sign(first, claims(issuer, tenant).build())).status());
        int fetches = jwksFetches.get();
        RSAKey rotated = newKey();
        served.set(new JWKSet(rotated.toPublicJWK()));
        assertEquals(200, harness.get(path, sign(rotated, claims(issuer, tenant).build())).status(),
                "an unknown kid fetches the keys again");
        assertEquals(fetches + 1, jwksFetches.get(), "exactly one refresh");
        assertRefused(harness.get(path, sign(rotated, claims(issuer, CONTOSO).build())));
    }

    @Test
    void aTidThatIsNotAGuidIsRefusedBeforeAnyLookup() {
        assertRefused(read(sign(platformKey, claims(harness.tokens.issuer(), "x".repeat(2_100)).build())));
        assertRefused(read(sign(platformKey, claims("https://idp.example.com/v2.0", "x".repeat(2_100)).build())));
        assertRefused(read(sign(platformKey, claims(harness.tokens.issuer(), "not-a-tenant").build())));
    }

    @Test
    void unknownKidsCauseABoundedNumberOfJwksFetches() throws JOSEException {
        String tenant = UUID.randomUUID().toString();
        String issuer = "https://idp.example.com/" + tenant + "/v2.0";
        // a URL of its own, so that this test's JWKS source starts afresh
        String jwksUrl = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/keys?for=" + tenant;
        harness.repository().putTenant(new Tenant(tenant, "Fourth Coffee", List.of("fourthcoffee.com"),
                ExternalAccess.DISABLED, List.of(new TokenIssuer(issuer, jwksUrl))));
        RSAKey known = newKey();
        served.set(new JWKSet(known.toPublicJWK()));
        assertEquals(200, harness.get(PATH, sign(known, claims(issuer, tenant).build())).status(), "the known key passes");
        int before = jwksFetches.get();
        RSAKey unknown = newKey();
        for (int i = 0; i < 50; i++) {
            // a kid the set lacks each time (one key, so that signing is quick: the limit is per 30 s)
            assertRefused(read(sign(new RSAKey.Builder(unknown).keyID(UUID.randomUUID().toString()).build(),
                    claims(issuer, tenant).build())));
        }
        int fetches = jwksFetches.get() - before;
        // Nimbus's rate limit: a refresh and one more per 30 s (the old code fetched once per token)
        assertTrue(fetches <= 2, "50 unknown kids caused " + fetches + " JWKS fetches");
    }

    @Test
    void aCachedAuthorizerAnswerDoesNotOutliveTheTokenBeyondTheSkew() {
        // what API Gateway hands a function when it reuses a cached answer for an expired token
        Instant now = harness.clock.instant();
        assertEquals(401, presenceWithContextExpiring(now.minus(Duration.ofMinutes(6))).getStatusCode());
        assertEquals(200, presenceWithContextExpiring(now.minus(Duration.ofMinutes(4))).getStatusCode(),
                "within the skew the authorizer allows");
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse presenceWithContextExpiring(
            Instant exp) {
        var caller = new io.graphpresence.access.Caller(CONTOSO, null, APP, java.util.Set.of(),
                java.util.Set.of("Presence.Read.All"));
        var context = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey("GET /v1.0/users/{id}/presence").withDomainName("localhost")
                .withAuthorizer(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext
                        .Authorizer.builder().withLambda(new java.util.HashMap<>(
                                io.graphpresence.api.AuthorizerContext.of(caller, exp))).build()).build();
        var event = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /v1.0/users/{id}/presence").withRawPath(PATH)
                .withPathParameters(java.util.Map.of("id", ADELE)).withHeaders(java.util.Map.of())
                .withRequestContext(context).build();
        return new io.graphpresence.api.GetPresenceFunction(harness.context).execute(event);
    }

    private static Reply read(String token) {
        return harness.get(PATH, token);
    }

    private static void assertRefused(Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("InvalidAuthenticationToken", reply.errorCode());
    }

    private static JWTClaimsSet.Builder claims() {
        return claims(harness.tokens.issuer(), CONTOSO);
    }

    private static JWTClaimsSet.Builder claims(String issuer, String tenant) {
        Instant now = harness.clock.instant();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(LocalTokens.AUDIENCE).claim("tid", tenant)
                .claim("azp", APP).claim("roles", List.of("Presence.Read.All"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }
}
