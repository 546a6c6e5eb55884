package io.graphpresence.throttle;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.store.RequestCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Throttling through the real functions, with small limits so that a test reaches them. */
class ThrottlingTest {

    private static final int READS = 20;

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start(Map.of(
            "presence.throttle.reads.limit", READS, "presence.throttle.reads.window", "30s",
            "presence.throttle.writes.limit", 3, "presence.throttle.subscriptions.limit", 2));
    private static final RequestCounter requests = harness.context.getBean(RequestCounter.class);

    @Test
    void overTheLimitAnApplicationGets429WithRetryAfterAndGraphsErrorBodyAndOthersDoNot() {
        String app = "aaaaaaaa-0000-4000-8000-000000000001";
        String token = harness.tokens.mint(CONTOSO, app, ADELE, null, null, Duration.ofHours(1));
        for (int i = 0; i < READS; i++) {
            Reply reply = harness.get("/v1.0/me/presence", token);
            assertEquals(200, reply.status(), reply::toString);
        }
        Reply refused = harness.get("/v1.0/me/presence", token);
        assertEquals(429, refused.status(), refused::toString);
        long retryAfter = Long.parseLong(refused.headers().get("retry-after"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, refused::toString);
        Map<?, ?> error = (Map<?, ?>) refused.json().get("error");
        assertEquals("TooManyRequests", error.get("code"));
        assertTrue(((Map<?, ?>) error.get("innerError")).containsKey("request-id"), refused::toString);
        // a POST that reads counts as a read too
        assertEquals(429, harness.post("/v1.0/communications/getPresencesByUserId", token,
                "{\"ids\":[\"" + ADELE + "\"]}").status());

        // another application of the tenant, and the same application in another tenant, are unaffected
        assertEquals(200, harness.get("/v1.0/me/presence", harness.userToken(CONTOSO, ADELE)).status());
        assertEquals(200, harness.get("/v1.0/users/" + FunctionHarness.LEE + "/presence",
                harness.tokens.mint(FABRIKAM, app, FunctionHarness.LEE, null, null, Duration.ofHours(1))).status());
        // and so are its writes, a family of their own
        assertEquals(200, harness.post("/v1.0/me/presence/setUserPreferredPresence", token,
                "{\"availability\":\"Away\",\"activity\":\"Away\"}").status());

        harness.clock.advance(Duration.ofSeconds(retryAfter));
        assertEquals(200, harness.get("/v1.0/me/presence", token).status(), "a new window after Retry-After");
    }

    @Test
    void writesAndSubscriptionsHaveTheirOwnLimits() {
        String app = "aaaaaaaa-0000-4000-8000-000000000002";
        String token = harness.tokens.mint(CONTOSO, app, ADELE, null, null, Duration.ofHours(1));
        String body = "{\"availability\":\"Away\",\"activity\":\"Away\"}";
        for (int i = 0; i < 3; i++) {
            assertEquals(200, harness.post("/v1.0/me/presence/setUserPreferredPresence", token, body).status());
        }
        Reply refused = harness.post("/beta/users/" + ADELE + "/presence/setUserPreferredPresence", token, body);
        assertEquals(429, refused.status(), refused::toString);
        String appToken = harness.appToken(CONTOSO, app, "Presence.Read.All");
        assertEquals(200, harness.get("/v1.0/subscriptions", appToken).status());
        assertEquals(200, harness.get("/v1.0/subscriptions", appToken).status());
        assertEquals(429, harness.get("/v1.0/subscriptions", appToken).status());
    }

    /**
     * The cost: an operation makes its own requests (CostTest's), and every tenth call of an
     * application's family in an instance adds one UpdateItem of the shared counter.
     */
    @Test
    void theCounterCostsOneUpdateItemPerTenCalls() {
        String token = harness.tokens.mint(CONTOSO, "aaaaaaaa-0000-4000-8000-000000000003", ADELE, null, null,
                Duration.ofHours(1));
        requests.reset();
        for (int i = 0; i < READS; i++) {
            assertEquals(200, harness.get("/v1.0/me/presence", token).status());
        }
        List<String> sent = requests.sent();
        assertEquals(READS, Collections.frequency(sent, "GetItem"), sent::toString);
        assertEquals(READS / 10, Collections.frequency(sent, "UpdateItem"), sent::toString);
        assertEquals(READS + READS / 10, sent.size(), sent::toString);
    }
}
