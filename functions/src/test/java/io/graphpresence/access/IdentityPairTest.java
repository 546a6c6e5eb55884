package io.graphpresence.access;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.ExternalAccess.Mode;
import io.graphpresence.directory.Tenant;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Identity is (tid, oid): under mutual trust, a partner tenant's identity provider can mint a
 * token whose oid is one of our users, and that token is still not our user. It cannot read
 * as them (no /me, no owner-only status message dates, no reading with Presence.Read alone)
 * nor write as them.
 */
class IdentityPairTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private static final String HOME = UUID.randomUUID().toString();
    private static final String PARTNER = UUID.randomUUID().toString();
    private static final String USER = UUID.randomUUID().toString();

    @BeforeAll
    static void trustingTenants() {
        harness.repository().putTenant(new Tenant(HOME, "Home", List.of("home.example"),
                new ExternalAccess(Mode.allowAll, List.of()), List.of()));
        harness.repository().putTenant(new Tenant(PARTNER, "Partner", List.of("partner.example"),
                new ExternalAccess(Mode.allowAll, List.of()), List.of()));
        harness.repository().putUser(new DirectoryUser(USER, HOME, "kim@home.example", "Kim"));
        String expiry = LocalDateTime.ofInstant(harness.clock.instant().plusSeconds(3600), ZoneOffset.UTC).toString();
        Reply set = harness.post("/v1.0/me/presence/setStatusMessage", harness.userToken(HOME, USER),
                "{\"statusMessage\":{\"message\":{\"content\":\"Lunch\",\"contentType\":\"text\"},"
                        + "\"expiryDateTime\":{\"dateTime\":\"" + expiry + "\",\"timeZone\":\"UTC\"}}}");
        assertEquals(200, set.status(), set.body());
    }

    /** A partner's token claiming our user's oid. */
    private static String impostor(String... scopes) {
        return harness.userToken(PARTNER, USER, scopes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusMessage(Reply reply) {
        return (Map<String, Object>) reply.json().get("statusMessage");
    }

    @Test
    void theRealUserSeesTheirOwnDates() {
        Map<String, Object> own = statusMessage(harness.get("/v1.0/me/presence", harness.userToken(HOME, USER)));
        assertTrue(own.containsKey("expiryDateTime"), own.toString());
    }

    @Test
    void aPartnersTokenWithOurUsersOidIsNotThatUserOnMe() {
        Reply me = harness.get("/v1.0/me/presence", impostor("Presence.Read.All"));
        assertEquals(404, me.status(), me.body());
    }

    @Test
    void readingByIdItIsAStrangerOfATrustedTenant() {
        Reply byId = harness.get("/v1.0/users/" + USER + "/presence", impostor("Presence.Read.All"));
        assertEquals(200, byId.status(), byId.body());
        Map<String, Object> message = statusMessage(byId);
        assertEquals(Map.of("content", "Lunch", "contentType", "text"), message.get("message"));
        assertFalse(message.containsKey("expiryDateTime"), "owner-only dates: " + message);
        assertFalse(message.containsKey("publishedDateTime"), "owner-only dates: " + message);
        // Presence.Read reads only your own presence, and this is not its own
        assertEquals(403, harness.get("/v1.0/users/" + USER + "/presence", impostor("Presence.Read")).status());
    }

    @Test
    void itCannotWriteAsThatUser() {
        long version = harness.repository().findUser(USER).orElseThrow().presence().version();
        String body = "{\"sessionId\":\"" + FunctionHarness.APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\"}";
        assertEquals(403, harness.post("/v1.0/me/presence/setPresence", impostor(), body).status());
        assertEquals(403, harness.post("/v1.0/users/" + USER + "/presence/setPresence", impostor(), body).status());
        assertEquals(version, harness.repository().findUser(USER).orElseThrow().presence().version());
    }
}
