package io.graphpresence.conformance;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.directory.DirectoryUser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every case of the project's {@code conformance/aggregation.json} (test resources), through
 * the real functions on DynamoDB Local, with the clock moved to each event's moment.
 */
class ConformanceTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    @TestFactory
    Stream<DynamicTest> aggregationCases() {
        return ConformanceCases.project(harness.json).all().stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> run(c)));
    }

    @SuppressWarnings("unchecked")
    private void run(Map<String, Object> testCase) {
        List<Map<String, Object>> events = (List<Map<String, Object>>) testCase.get("events");
        String user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Case user"));
        Instant t0 = harness.clock.instant();
        for (Map<String, Object> event : events) {
            moveTo(t0.plus(Duration.parse((String) event.get("at"))));
            Reply reply = apply(user, event);
            assertEquals(2, reply.status() / 100, () -> event + " answered " + reply);
        }
        moveTo(t0.plus(Duration.parse((String) testCase.get("readAt"))));
        Reply read = harness.get("/v1.0/users/" + user + "/presence", harness.appToken(CONTOSO, "reader",
                "Presence.Read.All"));
        assertEquals(200, read.status(), read::toString);
        Map<String, Object> expect = (Map<String, Object>) testCase.get("expect");
        Map<String, Object> presence = read.json();
        for (String field : List.of("availability", "activity")) {
            if (expect.containsKey(field)) {
                assertEquals(expect.get(field), presence.get(field), field + " of " + read);
            }
        }
        if (expect.containsKey("isOutOfOffice")) {
            Map<String, Object> outOfOffice = (Map<String, Object>) presence.get("outOfOfficeSettings");
            assertEquals(expect.get("isOutOfOffice"), outOfOffice.get("isOutOfOffice"), read::toString);
        }
        if (expect.containsKey("statusMessage")) {
            Map<String, Object> status = (Map<String, Object>) presence.get("statusMessage");
            if (expect.get("statusMessage") == null) {
                assertNull(status, read::toString);
            } else {
                assertNotNull(status, read::toString);
                assertEquals(expect.get("statusMessage"), ((Map<String, Object>) status.get("message")).get("content"));
            }
        }
    }

    private Reply apply(String user, Map<String, Object> event) {
        String op = (String) event.get("op");
        String sessionId = (String) event.get("sessionId");
        // the session is the calling application's, so each session id calls with its own app token
        String token = harness.appToken(CONTOSO, sessionId == null ? "case-app" : sessionId);
        String path = "/v1.0/users/" + user + "/presence/" + op;
        return switch (op) {
            case "setPresence" -> harness.post(path, token, json(Map.of(
                    "sessionId", sessionId, "availability", event.get("availability"),
                    "activity", event.get("activity")), event.get("expirationDuration")));
            case "clearPresence" -> harness.post(path, token, "{\"sessionId\":\"" + sessionId + "\"}");
            case "setUserPreferredPresence" -> harness.post(path, token, json(Map.of(
                    "availability", event.get("availability"), "activity", event.get("activity")),
                    event.get("expirationDuration")));
            case "clearUserPreferredPresence" -> harness.post(path, token, "{}");
            case "setStatusMessage" -> harness.post(path, token, statusMessage(event));
            case "automaticReplies" -> harness.call("PATCH", "/v1.0/users/" + user + "/mailboxSettings",
                    Map.of("authorization", "Bearer " + harness.appToken(CONTOSO, "mail-app", "MailboxSettings.ReadWrite")),
                    "{\"automaticRepliesSetting\":{\"status\":\"" + event.get("status") + "\",\"internalReplyMessage\":\""
                            + event.get("message") + "\",\"externalReplyMessage\":\"" + event.get("message") + "\"}}");
            case "calendarEvent" -> harness.call("POST", "/v1.0/users/" + user + "/events",
                    Map.of("authorization", "Bearer " + harness.appToken(CONTOSO, "calendar-app", "Calendars.ReadWrite")),
                    "{\"subject\":\"Case\",\"showAs\":\"" + event.get("showAs") + "\",\"start\":"
                            + utc(event.get("startsAfter")) + ",\"end\":" + utc(event.get("endsAfter")) + "}");
            default -> throw new IllegalArgumentException("Unknown op " + op);
        };
    }

    /** A dateTimeTimeZone so long after now, in UTC. */
    private String utc(Object after) {
        LocalDateTime at = LocalDateTime.ofInstant(harness.clock.instant().plus(Duration.parse((String) after)),
                ZoneOffset.UTC);
        return "{\"dateTime\":\"" + at + "\",\"timeZone\":\"UTC\"}";
    }

    private String statusMessage(Map<String, Object> event) {
        String expiry = "";
        if (event.get("expiresAfter") != null) {
            LocalDateTime at = LocalDateTime.ofInstant(
                    harness.clock.instant().plus(Duration.parse((String) event.get("expiresAfter"))), ZoneOffset.UTC);
            expiry = ",\"expiryDateTime\":{\"dateTime\":\"" + at + "\",\"timeZone\":\"UTC\"}";
        }
        return "{\"statusMessage\":{\"message\":{\"content\":\"" + event.get("content")
                + "\",\"contentType\":\"text\"}" + expiry + "}}";
    }

    private static String json(Map<String, Object> fields, Object expirationDuration) {
        StringBuilder body = new StringBuilder("{");
        fields.forEach((k, v) -> body.append('"').append(k).append("\":\"").append(v).append("\","));
        if (expirationDuration != null) {
            body.append("\"expirationDuration\":\"").append(expirationDuration).append("\",");
        }
        body.setLength(body.length() - 1);
        return body.append('}').toString();
    }

    private static void moveTo(Instant t) {
        Instant now = harness.clock.instant();
        if (t.isAfter(now)) {
            harness.clock.advance(Duration.between(now, t));
        }
    }
}
