package io.graphpresence.delivery;

import io.graphpresence.local.ClockSensitive;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spec section 6 end to end: the local stack (its stream poller and schedule running) and a
 * real receiver on loopback.
 */
@ClockSensitive
class ChangeNotificationsTest {

    static final Duration ARRIVES = Duration.ofSeconds(5);
    static final Duration NOTHING_MORE = Duration.ofMillis(1500);
    static final String OTHER_APP = "22222222-3333-4444-8555-666666666666";

    private LocalStack stack;
    private LocalHttp http;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
        http = new LocalHttp(stack);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
        stack.close();
    }

    private String appToken(String tenant, String... roles) {
        return stack.tokens().mint(tenant, APP, null, null, roles.length == 0 ? null : List.of(roles), Duration.ofDays(1));
    }

    private String userToken(String tenant, String user, String... scopes) {
        return stack.tokens().mint(tenant, APP, user, scopes.length == 0 ? null : List.of(scopes), null, Duration.ofDays(1));
    }

    private Reply subscribe(String token, String resource, String extra) throws Exception {
        return subscribe(receiver, token, resource, extra);
    }

    private Reply subscribe(WebhookReceiver to, String token, String resource, String extra) throws Exception {
        Instant expiry = stack.clock().instant().plus(Duration.ofMinutes(59));
        return http.call("POST", "/v1.0/subscriptions", token, "{\"changeType\":\"updated\",\"notificationUrl\":\""
                + to.url("/hook") + "\",\"resource\":\"" + resource + "\",\"expirationDateTime\":\"" + expiry
                + "\",\"clientState\":\"secret\"" + extra + "}");
    }

    private Reply setPresence(String user, String availability, String activity) throws Exception {
        return http.call("POST", "/v1.0/users/" + user + "/presence/setPresence", appToken(CONTOSO, "Presence.ReadWrite.All"),
                "{\"sessionId\":\"" + APP + "\",\"availability\":\"" + availability + "\",\"activity\":\"" + activity
                        + "\",\"expirationDuration\":\"PT1H\"}");
    }

    /** What a reader of the user's tenant sees now, as availability/activity. */
    private String pairOf(String user) throws Exception {
        return http.call("GET", "/v1.0/users/" + user + "/presence", appToken(CONTOSO, "Presence.Read.All"), null).pair();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notifications(String post) throws Exception {
        return (List<Map<String, Object>>) http.parse(post).get("value");
    }

    @SuppressWarnings("unchecked")
    private static String sequenceNumber(Map<String, Object> notification) {
        return (String) ((Map<String, Object>) notification.get("resourceData")).get("sequenceNumber");
    }

    /** Waits for the notification of {@code user} whose sequence number a read shows now. */
    private Map<String, Object> awaitCurrent(String user) throws Exception {
        String expected = (String) http.call("GET", "/v1.0/users/" + user + "/presence",
                appToken(CONTOSO, "Presence.Read.All"), null).json().get("sequenceNumber");
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (System.nanoTime() < deadline) {
            String post = receiver.next(Duration.ofMillis(200));
            if (post == null) {
                continue;
            }
            for (Map<String, Object> n : notifications(post)) {
                if (n.get("resource").equals("communications/presences/" + user) && expected.equals(sequenceNumber(n))) {
                    return n;
                }
            }
        }
        throw new AssertionError("no notification of " + user + " with sequenceNumber " + expected);
    }

    @Test
    void aChangeArrivesWithGraphsShapeAndTheSequenceNumberAReadShows() throws Exception {
        Reply created = subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "");
        assertEquals(201, created.status(), created.body());
        assertEquals(FunctionHarness.START.plus(Duration.ofMinutes(59)).toString(), created.json().get("expirationDateTime"));
        assertEquals(APP, created.json().get("applicationId"));
        receiver.drain(NOTHING_MORE);

        assertEquals(200, setPresence(ADELE, "Busy", "InACall").status());
        Map<String, Object> n = awaitCurrent(ADELE);
        assertEquals(created.json().get("id"), n.get("subscriptionId"));
        assertEquals("secret", n.get("clientState"));
        assertEquals("updated", n.get("changeType"));
        assertEquals(CONTOSO, n.get("tenantId"));
        assertEquals(FunctionHarness.START.plus(Duration.ofMinutes(59)).toString(), n.get("subscriptionExpirationDateTime"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) n.get("resourceData");
        assertEquals("#Microsoft.Graph.presence", data.get("@odata.type"));
        assertEquals("users/" + ADELE + "/presence", data.get("@odata.id"));
        assertEquals(ADELE, data.get("id"));
        assertNull(n.get("encryptedContent"), "basic notifications carry no presence");
    }

    @Test
    void severalUsersChangingTogetherShareOnePostAndASecondWriteOfTheSameStateSendsNothing() throws Exception {
        String resource = "communications/presences?$filter=id in ('" + ADELE + "','" + MEGAN + "')";
        assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), resource, "").status());
        receiver.drain(NOTHING_MORE);
        setPresence(ADELE, "Away", "Away");
        awaitCurrent(ADELE);
        setPresence(MEGAN, "DoNotDisturb", "Presenting");
        awaitCurrent(MEGAN);
        assertEquals(List.of(), receiver.drain(NOTHING_MORE), "exactly one notification per change");
    }

    @Test
    void changesInQuickSuccessionAllArriveAndTheLastOneCarriesTheLatestState() throws Exception {
        assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "").status());
        receiver.drain(NOTHING_MORE);
        // each write lands at another moment of the consumer's work on the one before; every
        // one must arrive, the last with the state a read shows
        for (int i = 0; i < 16; i++) {
            if (i % 2 == 0) {
                setPresence(ADELE, "Busy", "InACall");
            } else {
                setPresence(ADELE, "Available", "Available");
            }
            awaitCurrent(ADELE);
        }
    }

    @Test
    void fadingIsNotifiedWhenTheClockMoves() throws Exception {
        assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "").status());
        setPresence(ADELE, "Available", "Available");
        awaitCurrent(ADELE);
        receiver.drain(NOTHING_MORE);

        http.moveClock("PT6M");
        Map<String, Object> faded = awaitCurrent(ADELE);
        assertTrue(sequenceNumber(faded).endsWith(Long.toString(FunctionHarness.START.plusSeconds(300).toEpochMilli())),
                "the sequence number carries the moment of the fade: " + sequenceNumber(faded));
        assertEquals("AvailableIdle/Inactive", pairOf(ADELE));
    }

    @Test
    void aSessionExpiringIsNotifiedWhenTheClockMoves() throws Exception {
        assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + MEGAN, "").status());
        assertEquals(200, http.call("POST", "/v1.0/users/" + MEGAN + "/presence/setPresence",
                appToken(CONTOSO, "Presence.ReadWrite.All"), "{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\","
                        + "\"activity\":\"InACall\",\"expirationDuration\":\"PT5M\"}").status());
        awaitCurrent(MEGAN);
        receiver.drain(NOTHING_MORE);

        http.moveClock("PT5M");
        awaitCurrent(MEGAN);
        assertEquals("Offline/Offline", pairOf(MEGAN));
    }

    @Test
    void aMeetingStartingAndEndingIsNotifiedThoughNobodyCalled() throws Exception {
        assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "").status());
        Instant start = stack.clock().instant().plus(Duration.ofMinutes(10));
        Reply created = http.call("POST", "/v1.0/users/" + ADELE + "/events", appToken(CONTOSO, "Calendars.ReadWrite"),
                "{\"showAs\":\"busy\",\"start\":{\"dateTime\":\"" + java.time.LocalDateTime.ofInstant(start,
                        java.time.ZoneOffset.UTC) + "\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\""
                        + java.time.LocalDateTime.ofInstant(start.plusSeconds(1800), java.time.ZoneOffset.UTC)
                        + "\",\"timeZone\":\"UTC\"}}");
        assertEquals(201, created.status(), created.body());
        receiver.drain(NOTHING_MORE);

        http.moveClock("PT10M");
        awaitCurrent(ADELE);
        assertEquals("Busy/InAMeeting", pairOf(ADELE));
        http.moveClock("PT30M");
        awaitCurrent(ADELE);
        assertEquals("Offline/Offline", pairOf(ADELE));
    }

    @Test
    void aFailingEndpointGetsTheLatestStateOnceItIsBackAndNothingInBetween() throws Exception {
        assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "").status());
        receiver.drain(NOTHING_MORE);
        receiver.answerWith(503);
        setPresence(ADELE, "Busy", "InACall");
        awaitFailure();
        setPresence(ADELE, "Busy", "InAConferenceCall");
        setPresence(ADELE, "DoNotDisturb", "Presenting");
        Thread.sleep(1000);
        assertEquals(1, receiver.failedPosts(), "while a retry is pending, newer changes are not sent apart");

        receiver.answerWith(200);
        http.moveClock("PT11S");
        Map<String, Object> latest = awaitCurrent(ADELE);
        assertNotNull(latest);
        assertEquals(List.of(), receiver.drain(NOTHING_MORE), "the steps in between are not sent");
        setPresence(ADELE, "Available", "Available");
        awaitCurrent(ADELE);
    }

    @Test
    void aSlowEndpointDoesNotHoldUpOtherSubscribers() throws Exception {
        try (WebhookReceiver slow = new WebhookReceiver()) {
            assertEquals(201, subscribe(slow, appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "")
                    .status());
            assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "")
                    .status());
            receiver.drain(NOTHING_MORE);
            slow.answerAfter(Duration.ofMillis(2500));
            long worst = 0;
            for (int i = 0; i < 6; i++) {
                setPresence(ADELE, i % 2 == 0 ? "Busy" : "Available", i % 2 == 0 ? "InACall" : "Available");
                long sent = System.nanoTime();
                awaitCurrent(ADELE);
                worst = Math.max(worst, (System.nanoTime() - sent) / 1_000_000);
            }
            // without the patience limit each batch would wait the slow endpoint's 2.5 s
            assertTrue(worst < 1500, "the fast subscriber waited " + worst + " ms");
        }
    }

    private void awaitFailure() throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (receiver.failedPosts() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, receiver.failedPosts());
    }

    @Test
    void anExpiredSubscriptionDeliversNothingAndIsGone() throws Exception {
        String token = appToken(CONTOSO, "Presence.Read.All");
        Reply created = subscribe(token, "communications/presences/" + ADELE, "");
        http.moveClock("PT60M");
        setPresence(ADELE, "Busy", "InACall");
        assertEquals(List.of(), receiver.drain(NOTHING_MORE).stream()
                .filter(p -> p.contains("InACall") || p.contains(ADELE)).toList());
        assertEquals(404, http.call("GET", "/v1.0/subscriptions/" + created.json().get("id"), token, null).status());
        assertEquals(List.of(), http.call("GET", "/v1.0/subscriptions", token, null).json().get("value"));
    }

    @Test
    void aSubscriberOfAnotherTenantHearsOnlyWhileBothTenantsTrustEachOther() throws Exception {
        String fabrikamAdmin = appToken(FABRIKAM, "Presence.Admin");
        String contosoAdmin = appToken(CONTOSO, "Presence.Admin");
        assertEquals(200, http.call("PUT", "/admin/tenants/" + FABRIKAM + "/externalAccess", fabrikamAdmin,
                "{\"mode\":\"allowList\",\"domains\":[\"contoso.com\"]}").status());
        String lee = userToken(FABRIKAM, LEE, "Presence.Read.All");
        assertEquals(201, subscribe(lee, "communications/presences/" + ADELE, "").status());
        setPresence(ADELE, "Busy", "InACall");
        awaitCurrent(ADELE);

        assertEquals(200, http.call("PUT", "/admin/tenants/" + CONTOSO + "/externalAccess", contosoAdmin,
                "{\"mode\":\"blockList\",\"domains\":[\"fabrikam.com\"]}").status());
        setPresence(ADELE, "Available", "Available");
        assertEquals(List.of(), receiver.drain(NOTHING_MORE), "not even the fact of a change");
    }

    @Test
    void theHandshakeMustSucceedBeforeAnythingIsStored() throws Exception {
        receiver.refuseValidation();
        String token = appToken(CONTOSO, "Presence.Read.All");
        Reply refused = subscribe(token, "communications/presences/" + ADELE, "");
        assertEquals(400, refused.status());
        assertEquals("ValidationError", refused.errorCode());
        assertEquals(List.of(), http.call("GET", "/v1.0/subscriptions", token, null).json().get("value"));
    }

    @Test
    void oneDelegatedSubscriptionPerAppAndUserButApplicationsMayHaveMore() throws Exception {
        String adele = userToken(CONTOSO, ADELE, "Presence.Read.All");
        assertEquals(201, subscribe(adele, "communications/presences/" + MEGAN, "").status());
        Reply second = subscribe(adele, "communications/presences/" + ADELE, "");
        assertEquals(409, second.status());
        assertEquals("ExtensionError", second.errorCode());
        String app = appToken(CONTOSO, "Presence.Read.All");
        assertEquals(201, subscribe(app, "communications/presences/" + ADELE, "").status());
        assertEquals(201, subscribe(app, "communications/presences/" + ADELE, "").status());
    }

    @Test
    void watchingOthersNeedsThePermissionToReadThem() throws Exception {
        Reply own = subscribe(userToken(CONTOSO, ADELE, "Presence.Read"), "communications/presences/" + ADELE, "");
        assertEquals(201, own.status(), own.body());
        String otherApp = stack.tokens().mint(CONTOSO, OTHER_APP, ADELE, List.of("Presence.Read"), null, Duration.ofDays(1));
        Reply others = subscribe(otherApp, "communications/presences/" + MEGAN, "");
        assertEquals(403, others.status());
        assertEquals("Forbidden", others.errorCode());
    }
}
