package io.graphpresence.delivery;

import io.graphpresence.local.ClockSensitive;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Notifications;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static io.graphpresence.local.Notifications.assertQuiet;
import static io.graphpresence.local.Notifications.awaitFailedPosts;
import static io.graphpresence.local.Notifications.sequenceNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spec section 6 end to end: the local stack (its stream poller and schedule running) and a
 * real receiver on loopback.
 */
@ClockSensitive
class ChangeNotificationsTest {

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
                + "\",\"clientState\":\"cs-change-notifications\"" + extra + "}");
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

    /** The sequence number a reader of the user's tenant sees now. */
    private String currentSequence(String user) throws Exception {
        return (String) http.call("GET", "/v1.0/users/" + user + "/presence",
                appToken(CONTOSO, "Presence.Read.All"), null).json().get("sequenceNumber");
    }

    /**
     * Every notification {@code on} receives up to the one of {@code user} whose sequence
     * number a read shows now (and the rest of its POST).
     */
    private List<Map<String, Object>> untilCurrent(WebhookReceiver on, String user) throws Exception {
        return Notifications.until(on, Notifications.of(user, currentSequence(user)));
    }

    /** Waits for the notification of {@code user} whose sequence number a read shows now. */
    private Map<String, Object> awaitCurrent(WebhookReceiver on, String user) throws Exception {
        Predicate<Map<String, Object>> current = Notifications.of(user, currentSequence(user));
        return Notifications.until(on, current).stream().filter(current).findFirst().orElseThrow();
    }

    private Map<String, Object> awaitCurrent(String user) throws Exception {
        return awaitCurrent(receiver, user);
    }

    @Test
    void aChangeArrivesWithGraphsShapeAndTheSequenceNumberAReadShows() throws Exception {
        Reply created = subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "");
        assertEquals(201, created.status(), created.body());
        assertEquals(FunctionHarness.START.plus(Duration.ofMinutes(59)).toString(), created.json().get("expirationDateTime"));
        assertEquals(APP, created.json().get("applicationId"));

        assertEquals(200, setPresence(ADELE, "Busy", "InACall").status());
        List<Map<String, Object>> heard = untilCurrent(receiver, ADELE);
        assertEquals(1, heard.size(), "creating the subscription sends nothing of its own: " + heard);
        Map<String, Object> n = heard.get(0);
        assertEquals(created.json().get("id"), n.get("subscriptionId"));
        assertEquals("cs-change-notifications", n.get("clientState"));
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
    void eachChangeOfAWatchedUserIsNotifiedOnceAndASecondWriteOfTheSameStateSendsNothing() throws Exception {
        String resource = "communications/presences?$filter=id in ('" + ADELE + "','" + MEGAN + "')";
        assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), resource, "").status());
        setPresence(ADELE, "Away", "Away");
        assertEquals(1, untilCurrent(receiver, ADELE).size(), "one notification for Adele's change");
        setPresence(MEGAN, "DoNotDisturb", "Presenting");
        assertEquals(1, untilCurrent(receiver, MEGAN).size(), "one for Megan's, and no repeat of Adele's before it");

        setPresence(ADELE, "Away", "Away");
        setPresence(ADELE, "Busy", "InACall");
        // notifications of one user arrive in sequence-number order (spec section 6), so one
        // for the unchanged write would come before the one for the change after it
        List<Map<String, Object>> heard = untilCurrent(receiver, ADELE);
        assertEquals(1, heard.size(), "the same state written again is not notified: " + heard);
    }

    @Test
    void changesInQuickSuccessionAllArriveAndTheLastOneCarriesTheLatestState() throws Exception {
        assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "").status());
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

        http.moveClock("PT6M");
        List<Map<String, Object>> heard = untilCurrent(receiver, ADELE);
        assertEquals(1, heard.size(), "one notification, of the fade: " + heard);
        Map<String, Object> faded = heard.get(0);
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

        http.moveClock("PT5M");
        assertEquals(1, untilCurrent(receiver, MEGAN).size(), "one notification, of the expiry");
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

        http.moveClock("PT10M");
        assertEquals(1, untilCurrent(receiver, ADELE).size(), "one notification, of the meeting's start");
        assertEquals("Busy/InAMeeting", pairOf(ADELE));
        http.moveClock("PT30M");
        assertEquals(1, untilCurrent(receiver, ADELE).size(), "one notification, of its end");
        assertEquals("Offline/Offline", pairOf(ADELE));
    }

    @Test
    void aFailingEndpointGetsTheLatestStateOnceItIsBackAndNothingInBetween() throws Exception {
        try (WebhookReceiver control = new WebhookReceiver()) {
            String token = appToken(CONTOSO, "Presence.Read.All");
            assertEquals(201, subscribe(token, "communications/presences/" + ADELE, "").status());
            assertEquals(201, subscribe(control, token, "communications/presences/" + ADELE, "").status());
            receiver.answerWith(503);
            setPresence(ADELE, "Busy", "InACall");
            awaitFailedPosts(receiver, 1);
            setPresence(ADELE, "Busy", "InAConferenceCall");
            setPresence(ADELE, "DoNotDisturb", "Presenting");
            // the control, a healthy subscription to the same user, hears the newest change:
            // the failing one would have been sent it at the same moment
            awaitCurrent(control, ADELE);
            assertQuiet(receiver, "nothing reached the failing endpoint while its retry was pending");
            assertEquals(1, receiver.failedPosts(), "while a retry is pending, newer changes are not sent apart");

            receiver.answerWith(200);
            http.moveClock("PT11S");
            List<Map<String, Object>> retried = untilCurrent(receiver, ADELE);
            assertEquals(1, retried.size(), "the retry sends the latest state only: " + retried);
            setPresence(ADELE, "Available", "Available");
            assertEquals(1, untilCurrent(receiver, ADELE).size(),
                    "the next change arrives directly, and no step in between came before it");
        }
    }

    @Test
    void aSlowEndpointDoesNotHoldUpOtherSubscribers() throws Exception {
        try (WebhookReceiver slow = new WebhookReceiver()) {
            assertEquals(201, subscribe(slow, appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "")
                    .status());
            assertEquals(201, subscribe(appToken(CONTOSO, "Presence.Read.All"), "communications/presences/" + ADELE, "")
                    .status());
            // a success (2xx within Graph's 3 s), but slower than the dispatcher waits for
            slow.answerAfter(Duration.ofMillis(2500));
            for (int i = 0; i < 6; i++) {
                setPresence(ADELE, i % 2 == 0 ? "Busy" : "Available", i % 2 == 0 ? "InACall" : "Available");
                awaitCurrent(ADELE);
            }
            // Waiting on the slow endpoint would have sent it every change, each batch held
            // up for its answer; left to the retries after its first slow answer, it was sent
            // one. How long the fast subscriber waited is the benchmark's to measure.
            assertEquals(1, slow.arrivals(), "POSTs sent to the slow endpoint while the fast one heard six changes");
        }
    }

    @Test
    void anExpiredSubscriptionDeliversNothingAndIsGone() throws Exception {
        String token = appToken(CONTOSO, "Presence.Read.All");
        Reply created = subscribe(token, "communications/presences/" + ADELE, "");
        assertEquals(201, created.status(), created.body());
        http.moveClock("PT60M");
        assertEquals(404, http.call("GET", "/v1.0/subscriptions/" + created.json().get("id"), token, null).status());
        assertEquals(List.of(), http.call("GET", "/v1.0/subscriptions", token, null).json().get("value"));

        try (WebhookReceiver control = new WebhookReceiver()) {
            Reply live = subscribe(control, token, "communications/presences/" + ADELE, "");
            assertEquals(201, live.status(), live.body());
            setPresence(ADELE, "Busy", "InACall");
            awaitCurrent(control, ADELE);
            assertQuiet(receiver, "the expired subscription heard nothing of a change a live one heard");
        }
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
        try (WebhookReceiver control = new WebhookReceiver()) {
            // a watcher of Adele's own tenant, who may still read her
            assertEquals(201, subscribe(control, appToken(CONTOSO, "Presence.Read.All"),
                    "communications/presences/" + ADELE, "").status());
            setPresence(ADELE, "Available", "Available");
            awaitCurrent(control, ADELE);
            assertQuiet(receiver, "not even the fact of a change");
        }
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
