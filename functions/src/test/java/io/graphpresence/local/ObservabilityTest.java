package io.graphpresence.local;

import io.graphpresence.notify.SubscriberKeys;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator sees, on the local stack: a full request, a notification and a calendar
 * event leave JSON log lines that one request-id finds, every one with the request's fields,
 * metrics that move, and nowhere a token, a message body or a notification URL's secret.
 */
class ObservabilityTest {

    private static final String STATUS_SECRET = "status-body-" + UUID.randomUUID();
    private static final String QUERY_SECRET = "sig-" + UUID.randomUUID();
    private static final String REPLY_SECRET = "reply-body-" + UUID.randomUUID();
    private static final String CLIENT_STATE = "cs-observability-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void oneRequestIdFindsEveryLineOfItsRequestWithItsFieldsAndNoSecretIsLogged(@TempDir Path data) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, data, null),
                DevClock.frozenAt(FunctionHarness.START));
             WebhookReceiver receiver = new WebhookReceiver()) {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            String token = stack.tokens().mint(CONTOSO, APP, null, null,
                    List.of("Presence.ReadWrite.All", "Presence.Read.All", "MailboxSettings.ReadWrite", "Calendars.ReadWrite"),
                    Duration.ofDays(1));
            Map<String, Object> before = metrics(stack);

            // a notification: a subscriber whose URL carries a secret in its query
            Instant expiry = stack.clock().instant().plus(Duration.ofMinutes(59));
            HttpResponse<String> subscribed = send(stack, "POST", "/v1.0/subscriptions", token, null,
                    "{\"changeType\":\"updated\",\"notificationUrl\":\"" + receiver.url("/hook?key=" + QUERY_SECRET)
                            + "\",\"resource\":\"communications/presences/" + ADELE + "\",\"expirationDateTime\":\""
                            + expiry + "\",\"clientState\":\"" + CLIENT_STATE + "\"}");
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            // and one for rich notifications, whose certificate must not be logged either
            String certificate = SubscriberKeys.rsa().certificateBase64();
            HttpResponse<String> rich = send(stack, "POST", "/v1.0/subscriptions", token, null,
                    "{\"changeType\":\"updated\",\"notificationUrl\":\"" + receiver.url("/rich?key=" + QUERY_SECRET)
                            + "\",\"resource\":\"communications/presences/" + ADELE + "\",\"expirationDateTime\":\""
                            + expiry + "\",\"includeResourceData\":true,\"encryptionCertificate\":\"" + certificate
                            + "\",\"encryptionCertificateId\":\"cert-1\"}");
            assertEquals(201, rich.statusCode(), rich.body());

            // a full request, which the subscriber hears of
            HttpResponse<String> set = send(stack, "POST", "/v1.0/users/" + ADELE + "/presence/setPresence", token,
                    "client-full", "{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\","
                            + "\"expirationDuration\":\"PT1H\"}");
            assertEquals(200, set.statusCode(), set.body());
            assertNotNull(receiver.next(Duration.ofSeconds(10)), "the subscriber is notified");

            // bodies that must never be logged
            assertEquals(200, send(stack, "POST", "/v1.0/users/" + ADELE + "/presence/setStatusMessage", token, null,
                    "{\"statusMessage\":{\"message\":{\"content\":\"" + STATUS_SECRET + "\",\"contentType\":\"text\"}}}")
                    .statusCode());
            send(stack, "PATCH", "/v1.0/users/" + ADELE + "/mailboxSettings", token, null,
                    "{\"automaticRepliesSetting\":{\"status\":\"alwaysEnabled\",\"internalReplyMessage\":\""
                            + REPLY_SECRET + "\"}}");

            // a calendar event through the bus
            Instant now = stack.clock().instant();
            String detail = "{\"tenantId\":\"" + CONTOSO + "\",\"userId\":\"" + ADELE + "\",\"eventId\":\"standup\","
                    + "\"start\":\"" + now + "\",\"end\":\"" + now.plus(Duration.ofMinutes(30))
                    + "\",\"showAs\":\"busy\",\"lastModifiedDateTime\":\"" + now + "\"}";
            HttpResponse<String> bus = send(stack, "POST", "/_local/events", null, null,
                    "{\"Entries\":[{\"Source\":\"presence.calendar\",\"DetailType\":\"CalendarEventChanged\",\"Detail\":"
                            + json.writeValueAsString(detail) + "}]}");
            assertEquals(200, bus.statusCode(), bus.body());

            // a client's error: its request-id, from the error body, finds the request's lines
            HttpResponse<String> failed = send(stack, "POST", "/v1.0/users/" + ADELE + "/presence/setPresence", token,
                    "client-error", "{\"sessionId\":\"" + APP + "\",\"availability\":\"Sleepy\"}");
            assertEquals(400, failed.statusCode(), failed.body());
            String errorId = innerError(failed.body());
            assertEquals(errorId, failed.headers().firstValue("request-id").orElseThrow(), "header and body agree");
            List<Map<String, Object>> errorLines = lines(stack, errorId);
            assertFalse(errorLines.isEmpty(), "the failed request's lines are found");
            assertEveryLineCarriesTheRequest(errorLines, errorId, "client-error", "SetPresence");
            assertEquals("400", closing(errorLines).get("status"));

            // a refused token: the authorizer writes a line of its own before its closing line,
            // and both carry the request's outcome, which is known only at the end
            HttpResponse<String> refused = send(stack, "GET", "/v1.0/users/" + ADELE + "/presence",
                    token.substring(0, token.length() - 2) + "xx", "client-refused", null);
            assertEquals(401, refused.statusCode(), refused.body());
            List<Map<String, Object>> refusedLines = lines(stack, refused.headers().firstValue("request-id").orElseThrow());
            assertTrue(refusedLines.size() >= 2, "a line before the closing one: " + refusedLines);
            assertTrue(refusedLines.stream().anyMatch(l -> !"request finished".equals(l.get("formattedMessage"))),
                    refusedLines::toString);
            for (Map<String, Object> line : refusedLines) {
                assertEquals("401", ((Map<?, ?>) line.get("mdc")).get("status"), line::toString);
                assertCarriesTheOutcome(line);
            }

            String fullId = set.headers().firstValue("request-id").orElseThrow();
            List<Map<String, Object>> fullLines = lines(stack, fullId);
            assertEveryLineCarriesTheRequest(fullLines, fullId, "client-full", "SetPresence");
            Map<?, ?> finished = closing(fullLines);
            assertEquals("200", finished.get("status"));
            assertTrue(Integer.parseInt((String) finished.get("dynamoRequests")) > 0, "DynamoDB requests: " + finished);
            assertTrue(Double.parseDouble((String) finished.get("dynamoCapacityUnits")) > 0, "capacity: " + finished);
            assertTrue(Long.parseLong((String) finished.get("latencyMs")) >= 0);

            Map<String, Object> after = awaitMetric(stack, "", "NotificationsDelivered");
            assertTrue(count(after, "Operation=SetPresence", "Requests") - count(before, "Operation=SetPresence", "Requests") >= 2);
            assertTrue(count(after, "Operation=SetPresence", "Http4xx") >= 1);
            assertTrue(count(after, "", "CalendarAccepted") >= 1, "calendar: " + after);
            assertTrue(count(after, "", "StreamRecords") >= 1, "stream: " + after);

            String logged = Files.readString(stack.logFile()) + stdout.toString(StandardCharsets.UTF_8);
            assertTrue(logged.contains("\"_aws\""), "metrics are written as EMF lines");
            for (String secret : List.of(token, token.substring(token.lastIndexOf('.') + 1), STATUS_SECRET,
                    REPLY_SECRET, QUERY_SECRET, CLIENT_STATE,
                    certificate.substring(certificate.length() / 2, certificate.length() / 2 + 64))) {
                assertFalse(logged.contains(secret), "logged a secret: " + secret);
            }
        } finally {
            System.setOut(original);
        }
    }

    private void assertEveryLineCarriesTheRequest(List<Map<String, Object>> lines, String requestId,
                                                  String clientRequestId, String operation) {
        for (Map<String, Object> line : lines) {
            Map<?, ?> mdc = (Map<?, ?>) line.get("mdc");
            assertEquals(requestId, mdc.get("requestId"), line::toString);
            if (!"Authorize".equals(mdc.get("operation"))) {
                assertEquals(operation, mdc.get("operation"), line::toString);
            }
            assertEquals(clientRequestId, mdc.get("clientRequestId"), line::toString);
            assertTrue(String.valueOf(mdc.get("awsRequestId")).startsWith("local-"), line::toString);
            assertEquals(CONTOSO, mdc.get("tenantId"), line::toString);
            assertEquals(APP, mdc.get("appId"), line::toString);
            assertCarriesTheOutcome(line);
        }
    }

    /** What is known only at the end of a request is on every line of it, not only the closing one. */
    private static void assertCarriesTheOutcome(Map<String, Object> line) {
        Map<?, ?> mdc = (Map<?, ?>) line.get("mdc");
        assertTrue(String.valueOf(mdc.get("status")).matches("[2-5][0-9][0-9]"), line::toString);
        assertTrue(Long.parseLong(String.valueOf(mdc.get("latencyMs"))) >= 0, line::toString);
        assertTrue(Integer.parseInt(String.valueOf(mdc.get("dynamoRequests"))) >= 0, line::toString);
        assertTrue(Double.parseDouble(String.valueOf(mdc.get("dynamoCapacityUnits"))) >= 0, line::toString);
    }

    /** The function's closing line (the authorizer writes one of its own first). */
    private static Map<?, ?> closing(List<Map<String, Object>> lines) {
        Map<?, ?> mdc = (Map<?, ?>) lines.get(lines.size() - 1).get("mdc");
        assertEquals("request finished", lines.get(lines.size() - 1).get("formattedMessage"));
        assertFalse("Authorize".equals(mdc.get("operation")), "the function's line is last: " + lines);
        return mdc;
    }

    private String innerError(String body) throws Exception {
        Map<String, Object> parsed = json.readValue(body, Argument.mapOf(String.class, Object.class));
        Map<?, ?> error = (Map<?, ?>) parsed.get("error");
        return (String) ((Map<?, ?>) error.get("innerError")).get("request-id");
    }

    private List<Map<String, Object>> lines(LocalStack stack, String requestId) throws Exception {
        HttpResponse<String> reply = send(stack, "GET", "/_local/logs?requestId="
                + URLEncoder.encode(requestId, StandardCharsets.UTF_8), null, null, null);
        assertEquals(200, reply.statusCode(), reply.body());
        return json.readValue(reply.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private Map<String, Object> metrics(LocalStack stack) throws Exception {
        HttpResponse<String> reply = send(stack, "GET", "/_local/metrics", null, null, null);
        assertEquals(200, reply.statusCode(), reply.body());
        return json.readValue(reply.body(), Argument.mapOf(String.class, Object.class));
    }

    /** Deliveries are counted once the POST is answered, a moment after the subscriber has it. */
    private Map<String, Object> awaitMetric(LocalStack stack, String dimensions, String name) throws Exception {
        long until = System.currentTimeMillis() + 10_000;
        Map<String, Object> now = metrics(stack);
        while (count(now, dimensions, name) == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            now = metrics(stack);
        }
        assertTrue(count(now, dimensions, name) > 0, name + ": " + now);
        return now;
    }

    private static double count(Map<String, Object> totals, String dimensions, String name) {
        Object group = totals.get(dimensions);
        Object value = group instanceof Map<?, ?> metrics ? metrics.get(name) : null;
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private HttpResponse<String> send(LocalStack stack, String method, String path, String token,
                                      String clientRequestId, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (clientRequestId != null) {
            request.header("client-request-id", clientRequestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
