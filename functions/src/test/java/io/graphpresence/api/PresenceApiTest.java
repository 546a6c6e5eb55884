package io.graphpresence.api;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static io.graphpresence.local.FunctionHarness.UNKNOWN_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The presence operations as Graph clients see them: responses, paths, headers and time. */
class PresenceApiTest {

    private FunctionHarness harness;

    @BeforeEach
    void start() {
        harness = FunctionHarness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.0", "beta"})
    void allThreeReadPathsAnswerWithGraphsContext(String version) {
        setPresence(adele(), "Busy", "InACall", "PT1H");
        String root = "http://127.0.0.1:8080/" + version + "/$metadata#";
        Map<String, String> contexts = Map.of(
                "/" + version + "/me/presence", root + "users('" + ADELE + "')/presence/$entity",
                "/" + version + "/users/" + ADELE + "/presence", root + "users('" + ADELE + "')/presence/$entity",
                "/" + version + "/communications/presences/" + ADELE, root + "communications/presences/$entity");
        contexts.forEach((path, context) -> {
            Reply reply = harness.get(path, adele());
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(context, reply.json().get("@odata.context"));
            assertEquals(ADELE, reply.json().get("id"));
            assertEquals("Busy/InACall", reply.pair());
            assertTrue(reply.headers().get("content-type").startsWith("application/json"));
        });
    }

    @Test
    void aPresenceHasEveryPropertyOfTheResource() {
        Map<String, Object> presence = harness.get("/v1.0/me/presence", adele()).json();
        assertEquals("Offline/Offline", presence.get("availability") + "/" + presence.get("activity"));
        assertEquals(List.of("@odata.context", "id", "availability", "activity", "sequenceNumber", "statusMessage",
                "outOfOfficeSettings", "workLocation"), List.copyOf(presence.keySet()));
        assertEquals(Map.of("isOutOfOffice", false), withoutNulls(presence.get("outOfOfficeSettings")));
        assertEquals(Map.of("workLocationType", "unspecified", "source", "none"),
                withoutNulls(presence.get("workLocation")));
    }

    @Test
    void selectReturnsOnlyTheNamedPropertiesAndTheId() {
        Reply reply = harness.get("/v1.0/users/" + ADELE + "/presence?$select=availability", adele());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of("@odata.context", "id", "availability"), List.copyOf(reply.json().keySet()));
        assertTrue(((String) reply.json().get("@odata.context")).endsWith("/presence(availability)/$entity"));
    }

    @Test
    void urlEncodedAndUpperCaseIdsNameTheSameUser() {
        setPresence(adele(), "Away", "Away", null);
        String encoded = ADELE.replace("-", "%2D").toUpperCase(Locale.ROOT);
        Reply reply = harness.get("/v1.0/users/" + encoded + "/presence", adele());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(ADELE, reply.json().get("id"));
        assertEquals("Away/Away", reply.pair());
    }

    @Test
    void enumsAreReadInAnyCaseAndWrittenInPascalCase() {
        assertEquals(200, harness.post("/v1.0/me/presence/setPresence", adele(), "{\"sessionId\":\"" + APP
                + "\",\"availability\":\"dONOTDISTURB\",\"activity\":\"presenting\"}").status());
        assertEquals("DoNotDisturb/Presenting", harness.get("/v1.0/me/presence", adele()).pair());
    }

    @Test
    void responsesCarryARequestIdAndEchoTheClientsOwn() {
        Map<String, String> headers = new HashMap<>(Map.of("authorization", "Bearer " + adele(),
                "client-request-id", "same-every-time"));
        String body = "{\"sessionId\":\"" + APP + "\",\"availability\":\"Available\",\"activity\":\"Available\"}";
        Reply first = harness.call("POST", "/v1.0/me/presence/setPresence", headers, body);
        Reply second = harness.call("POST", "/v1.0/me/presence/setPresence", headers, body);
        assertEquals("same-every-time", first.headers().get("client-request-id"));
        assertNotNull(first.headers().get("request-id"));
        assertNotEquals(first.headers().get("request-id"), second.headers().get("request-id"));
        // a repeated client-request-id is never taken as a duplicate: both writes happened
        assertEquals(2, harness.repository().findUser(ADELE).orElseThrow().presence().version());
    }

    @Test
    void statusMessageDatesAreForTheOwnerOnly() {
        String body = "{\"statusMessage\":{\"message\":{\"content\":\"Lunch\",\"contentType\":\"text\"},"
                + "\"expiryDateTime\":{\"dateTime\":\"2026-11-23T17:00:00\",\"timeZone\":\"Pacific Standard Time\"}}}";
        assertEquals(200, harness.post("/v1.0/me/presence/setStatusMessage", adele(), body).status());

        Map<String, Object> own = statusMessage(harness.get("/v1.0/me/presence", adele()));
        assertEquals(Map.of("content", "Lunch", "contentType", "text"), own.get("message"));
        assertEquals(Map.of("dateTime", "2026-11-23T17:00:00.0000000", "timeZone", "Pacific Standard Time"),
                own.get("expiryDateTime"));
        assertEquals("2026-11-23T09:00:00Z", own.get("publishedDateTime"));

        Reply asMegan = harness.get("/v1.0/users/" + ADELE + "/presence", harness.userToken(CONTOSO, MEGAN));
        assertEquals(Map.of("message", Map.of("content", "Lunch", "contentType", "text")), statusMessage(asMegan));
    }

    @Test
    void statusMessageExpiresAtItsTimeInItsZone() {
        // 17:00 in Los Angeles is 01:00 UTC the next day, 16 hours after the harness start
        String body = "{\"statusMessage\":{\"message\":{\"content\":\"Lunch\"},"
                + "\"expiryDateTime\":{\"dateTime\":\"2026-11-23T17:00:00\",\"timeZone\":\"America/Los_Angeles\"}}}";
        harness.post("/v1.0/me/presence/setStatusMessage", adele(), body);
        harness.clock.advance(Duration.ofHours(16).minusSeconds(1));
        assertEquals(Map.of("content", "Lunch", "contentType", "text"),
                statusMessage(harness.get("/v1.0/me/presence", adele())).get("message"));
        harness.clock.advance(Duration.ofSeconds(1));
        assertNull(statusMessage(harness.get("/v1.0/me/presence", adele())));
    }

    @Test
    void anEmptyStatusMessageClearsIt() {
        harness.post("/v1.0/me/presence/setStatusMessage", adele(), "{\"statusMessage\":{\"message\":{\"content\":\"x\"}}}");
        assertEquals(Map.of("content", "x", "contentType", "text"),
                statusMessage(harness.get("/v1.0/me/presence", adele())).get("message"));
        harness.post("/v1.0/me/presence/setStatusMessage", adele(), "{\"statusMessage\":{\"message\":{\"content\":\"\"}}}");
        assertNull(statusMessage(harness.get("/v1.0/me/presence", adele())));
    }

    @Test
    void sequenceNumberGrowsWithEveryVisibleChangeIncludingTime() {
        String first = sequence();
        assertEquals(first, sequence(), "the same state read twice carries the same value");
        setPresence(adele(), "Available", "Available", "PT1H");
        String afterWrite = sequence();
        assertTrue(afterWrite.compareTo(first) > 0);
        harness.clock.advance(Duration.ofMinutes(4));
        assertEquals(afterWrite, sequence(), "nothing visible changed yet");
        harness.clock.advance(Duration.ofMinutes(2));
        String afterFade = sequence();
        assertEquals("AvailableIdle/Inactive", harness.get("/v1.0/me/presence", adele()).pair());
        assertTrue(afterFade.compareTo(afterWrite) > 0, "fading is a visible change");
        harness.clock.advance(Duration.ofMinutes(5));
        String afterAway = sequence();
        assertTrue(afterAway.compareTo(afterFade) > 0);
        setPresence(adele(), "Available", "Available", "PT1H");
        assertTrue(sequence().compareTo(afterAway) > 0, "a write after a fade still goes up");
        assertEquals(first.length(), sequence().length(), "fixed width");
    }

    @Test
    void preferredPresenceDefaultsToOneDayForDoNotDisturb() {
        setPresence(adele(), "Available", "Available", "PT4H");
        harness.post("/v1.0/me/presence/setUserPreferredPresence", adele(),
                "{\"availability\":\"DoNotDisturb\",\"activity\":\"DoNotDisturb\"}");
        assertEquals("DoNotDisturb/DoNotDisturb", harness.get("/v1.0/me/presence", adele()).pair());
        harness.clock.advance(Duration.ofHours(4));
        assertEquals("Offline/Offline", harness.get("/v1.0/me/presence", adele()).pair(),
                "preferred presence needs a live session");
        setPresence(adele(), "Available", "Available", "PT4H");
        assertEquals("DoNotDisturb/DoNotDisturb", harness.get("/v1.0/me/presence", adele()).pair());
        harness.clock.advance(Duration.ofHours(20));
        setPresence(adele(), "Busy", "InACall", "PT4H");
        assertEquals("Busy/InACall", harness.get("/v1.0/me/presence", adele()).pair(), "a day later it expired");
    }

    @Test
    void clearingPreferredPresenceThatWasNeverSetIsFine() {
        assertEquals(200, harness.post("/v1.0/me/presence/clearUserPreferredPresence", adele(), null).status());
        assertEquals(200, harness.post("/v1.0/me/presence/clearUserPreferredPresence", adele(), "{}").status());
    }

    @Test
    void applicationsWriteAnyUserOfTheirTenantOnEveryPathForm() {
        String app = harness.appToken(CONTOSO, APP);
        String body = "{\"sessionId\":\"" + APP + "\",\"availability\":\"Away\",\"activity\":\"Away\"}";
        assertEquals(200, harness.post("/beta/communications/presences/" + MEGAN + "/setPresence", app, body).status());
        assertEquals("Away/Away", harness.get("/v1.0/users/" + MEGAN + "/presence", app).pair());
    }

    @Test
    void batchAnswersEachDistinctIdOnceAndHidesWhatTheReaderMayNotSee() {
        setPresence(adele(), "Busy", "InAConferenceCall", null);
        String body = "{\"ids\":[\"" + ADELE + "\",\"" + ADELE.toUpperCase(Locale.ROOT) + "\",\"" + MEGAN + "\",\""
                + LEE + "\",\"" + UNKNOWN_USER + "\"]}";
        Reply reply = harness.post("/v1.0/communications/getPresencesByUserId", adele(), body);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(((String) reply.json().get("@odata.context")).endsWith("$metadata#Collection(microsoft.graph.presence)"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> value = (List<Map<String, Object>>) reply.json().get("value");
        assertEquals(List.of(ADELE, MEGAN, LEE, UNKNOWN_USER), value.stream().map(p -> p.get("id")).toList());
        assertEquals("Busy", value.get(0).get("availability"));
        assertEquals("Offline", value.get(1).get("availability"));
        for (Map<String, Object> hidden : value.subList(2, 4)) {
            assertEquals(Map.of("id", hidden.get("id"), "availability", "PresenceUnknown",
                    "activity", "PresenceUnknown"), hidden, "nothing else leaks, not even the sequence number");
        }
    }

    @Test
    void usersOfAnotherTenantReadAsUnknownWithoutTrust() {
        setPresence(adele(), "Busy", "InACall", null);
        Reply reply = harness.get("/v1.0/users/" + ADELE + "/presence", harness.userToken(FABRIKAM, LEE));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("PresenceUnknown/PresenceUnknown", reply.pair());
        assertFalse(reply.json().containsKey("sequenceNumber"));
        assertFalse(reply.json().containsKey("statusMessage"));
    }

    private void setPresence(String token, String availability, String activity, String duration) {
        Reply reply = harness.post("/v1.0/me/presence/setPresence", token, "{\"sessionId\":\"" + APP
                + "\",\"availability\":\"" + availability + "\",\"activity\":\"" + activity + "\""
                + (duration == null ? "" : ",\"expirationDuration\":\"" + duration + "\"") + "}");
        assertEquals(200, reply.status(), reply::toString);
    }

    /** A fresh token each time: tests move the clock past any one token's lifetime. */
    private String adele() {
        return harness.userToken(CONTOSO, ADELE);
    }

    private String sequence() {
        return (String) harness.get("/v1.0/me/presence", adele()).json().get("sequenceNumber");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusMessage(Reply reply) {
        return (Map<String, Object>) reply.json().get("statusMessage");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Object json) {
        Map<String, Object> copy = new HashMap<>((Map<String, Object>) json);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
