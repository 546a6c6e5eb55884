package io.graphpresence.api;

import io.graphpresence.limits.InputLimits;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, items 4 and 9: every input the probe sent oversized is a 4xx with Graph's error
 * body before anything is stored (each used to be a 500), and a body is one JSON value.
 */
class InputLimitsTest {

    static final String OTHER_APP = "22222222-3333-4444-8555-666666666666";
    static final String MB = "x".repeat(1024 * 1024);

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private static String adele() {
        return harness.userToken(CONTOSO, ADELE);
    }

    private static String calendarApp() {
        return harness.appToken(CONTOSO, APP, "Calendars.ReadWrite", "MailboxSettings.ReadWrite", "Presence.Read.All");
    }

    private static void refused(int status, Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        assertNotNull(reply.errorCode(), reply.body());
    }

    private static String statusMessage(String content) {
        return "{\"statusMessage\":{\"message\":{\"content\":\"" + content + "\",\"contentType\":\"text\"}}}";
    }

    private static String subscription(String resource, String extra) {
        return "{\"changeType\":\"updated\",\"notificationUrl\":\"https://example.com/hook\",\"resource\":\"" + resource
                + "\",\"expirationDateTime\":\"" + harness.clock.instant().plus(Duration.ofMinutes(50)) + "\"" + extra + "}";
    }

    @Test
    void aStatusMessageBeyondItsLimitIsRefusedAndA1MbOneIsTooLarge() {
        String path = "/v1.0/me/presence/setStatusMessage";
        refused(400, harness.post(path, adele(), statusMessage("x".repeat(InputLimits.MAX_STATUS_MESSAGE + 1))));
        refused(413, harness.post(path, adele(), statusMessage(MB)));
        assertEquals(200, harness.post(path, adele(),
                statusMessage("x".repeat(InputLimits.MAX_STATUS_MESSAGE))).status());
    }

    @Test
    void a400KbStatusMessageIsRefusedAndOtherApplicationsStillSetPresence() {
        String path = "/v1.0/users/" + ADELE + "/presence/";
        Reply big = harness.post(path + "setStatusMessage", harness.appToken(CONTOSO, APP),
                statusMessage("x".repeat(400 * 1024 - 200)));
        assertTrue(big.status() == 400 || big.status() == 413, big.toString());
        Reply other = harness.post(path + "setPresence", harness.appToken(CONTOSO, OTHER_APP),
                "{\"sessionId\":\"" + OTHER_APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\"}");
        assertEquals(200, other.status(), other.body());
    }

    @Test
    void replyMessagesAreBounded() {
        String path = "/v1.0/users/" + ADELE + "/mailboxSettings";
        refused(400, harness.call("PATCH", path, calendarApp(), "{\"automaticRepliesSetting\":{\"internalReplyMessage\":\""
                + "x".repeat(InputLimits.MAX_REPLY_MESSAGE + 1) + "\"}}"));
        refused(413, harness.call("PATCH", path, calendarApp(),
                "{\"automaticRepliesSetting\":{\"externalReplyMessage\":\"" + MB + "\"}}"));
    }

    @Test
    void eventSubjectsAreBounded() {
        String path = "/v1.0/users/" + ADELE + "/events";
        String times = ",\"start\":{\"dateTime\":\"2030-01-01T10:00:00\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"2030-01-01T11:00:00\",\"timeZone\":\"UTC\"}}";
        refused(400, harness.post(path, calendarApp(), "{\"subject\":\"" + "s".repeat(InputLimits.MAX_SUBJECT + 1)
                + "\"" + times));
        refused(413, harness.post(path, calendarApp(), "{\"subject\":\"" + MB + "\"" + times));
        assertEquals(201, harness.post(path, calendarApp(), "{\"subject\":\"" + "s".repeat(InputLimits.MAX_SUBJECT)
                + "\"" + times).status());
    }

    @Test
    void placeIdsAreBounded() {
        String path = "/v1.0/me/presence/setManualLocation";
        refused(400, harness.post(path, adele(), "{\"workLocationType\":\"office\",\"placeId\":\""
                + "p".repeat(InputLimits.MAX_PLACE_ID + 1) + "\"}"));
        refused(413, harness.post(path, adele(), "{\"workLocationType\":\"office\",\"placeId\":\"" + MB + "\"}"));
    }

    @Test
    void certificatesAndResourcesAreBounded() {
        String token = harness.appToken(CONTOSO, APP, "Presence.Read.All");
        String resource = "communications/presences/" + ADELE;
        refused(400, harness.post("/v1.0/subscriptions", token, subscription(resource, ",\"includeResourceData\":true,"
                + "\"encryptionCertificateId\":\"c\",\"encryptionCertificate\":\""
                + "A".repeat(InputLimits.MAX_CERTIFICATE + 1) + "\"")));
        refused(413, harness.post("/v1.0/subscriptions", token, subscription(resource, ",\"includeResourceData\":true,"
                + "\"encryptionCertificateId\":\"c\",\"encryptionCertificate\":\"" + MB + "\"")));
        refused(400, harness.post("/v1.0/subscriptions", token,
                subscription("r".repeat(InputLimits.MAX_RESOURCE + 1), "")));
        refused(413, harness.post("/v1.0/subscriptions", token, subscription(MB, "")));
        assertEquals(List.of(), harness.get("/v1.0/subscriptions", token).json().get("value"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129, 70_000})
    void applicationIdsOfTheWrongLengthAreRefused(int length) {
        String appId = "a".repeat(length);
        String token = harness.tokens.mint(CONTOSO, appId, null, null, List.of("Presence.ReadWrite.All"),
                Duration.ofHours(1));
        Reply reply = harness.post("/v1.0/users/" + ADELE + "/presence/setPresence", token,
                "{\"sessionId\":\"" + appId + "\",\"availability\":\"Busy\",\"activity\":\"InACall\"}");
        refused(400, reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{\"sessionId\":\"x\"} trailing", "{}]", "{\"a\":1}{\"b\":2}"})
    void trailingDataAfterTheBodyIsRefusedOnEveryRoute(String body) {
        refused(400, harness.post("/v1.0/me/presence/setPresence", adele(), body));
        refused(400, harness.post("/v1.0/me/presence/clearLocation", adele(), body));
        refused(400, harness.get("/v1.0/me/presence", adele()).status() == 200
                ? harness.call("GET", "/v1.0/me/presence", Map.of("authorization", "Bearer " + adele(),
                        "host", "127.0.0.1"), body) : null);
    }

    @Test
    void clearLocationRefusesInvalidJsonAndAcceptsNoBody() {
        refused(400, harness.post("/v1.0/me/presence/clearLocation", adele(), "{not json"));
        assertEquals(200, harness.post("/v1.0/me/presence/clearLocation", adele(), null).status());
        assertEquals(200, harness.post("/v1.0/me/presence/clearLocation", adele(), "{}").status());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        refused(400, harness.post("/v1.0/me/presence/setPresence", adele(), deep));
    }
}
