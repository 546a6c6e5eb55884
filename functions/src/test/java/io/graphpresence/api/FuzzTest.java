package io.graphpresence.api;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.notify.Subscription;
import io.graphpresence.store.UserRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static io.graphpresence.local.FunctionHarness.UNKNOWN_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: every route of the route table, through the local gateway and the real
 * authorizer, with generated bodies (wrong types, huge and empty strings, deep nesting,
 * unicode, NUL, trailing data), headers and path parameters, under a fixed seed. Never a 5xx;
 * every 4xx carries Graph's error body; a refused request changes nothing anyone can read
 * (the demo users' presence, mailbox settings and the subscriptions of the callers' applications).
 */
class FuzzTest {

    static final long SEED = 14;
    static final int CASES = 3000;

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private final Random random = new Random(SEED);
    private final List<String> tokens = new ArrayList<>();

    /** The property names the API reads, so that generated bodies reach the checks behind the parser. */
    private static final String[] NAMES = {"sessionId", "availability", "activity", "expirationDuration",
            "statusMessage", "message", "content", "contentType", "expiryDateTime", "dateTime", "timeZone", "ids",
            "workLocationType", "placeId", "automaticRepliesSetting", "status", "externalAudience",
            "internalReplyMessage", "externalReplyMessage", "scheduledStartDateTime", "scheduledEndDateTime",
            "subject", "start", "end", "showAs", "isCancelled", "isAllDay", "changeType", "notificationUrl",
            "resource", "expirationDateTime", "clientState", "includeResourceData", "encryptionCertificate",
            "encryptionCertificateId", "lifecycleNotificationUrl", "displayName", "domains", "externalAccess",
            "mode", "userPrincipalName", "issuers", "id"};
    private static final String[] WORDS = {"Available", "Busy", "InACall", "Away", "DoNotDisturb", "Offline",
            "PT5M", "PT1H", "P1D", "PT0S", "text", "html", "UTC", "Pacific Standard Time", "Asia/Tokyo", "office",
            "remote", "timeOff", "updated", "busy", "oof", "alwaysEnabled", "scheduled", "none", "all", APP, ADELE,
            MEGAN, UNKNOWN_USER, "communications/presences/" + ADELE,
            "communications/presences?$filter=id in ('" + ADELE + "','" + MEGAN + "')", "http://127.0.0.1:1/hook",
            "HTTPS://127.0.0.1/x", "2030-01-01T10:00:00", "2026-11-23T09:30:00Z", "-1", "1e999", "allowAll",
            "contoso.com"};

    @Test
    void noRequestIsA5xxEveryRefusalIsAGraphErrorAndChangesNothing() {
        tokens.add(harness.userToken(CONTOSO, ADELE));
        tokens.add(harness.userToken(CONTOSO, MEGAN, "Presence.Read"));
        tokens.add(harness.appToken(CONTOSO, APP, "Presence.ReadWrite.All", "Presence.Read.All", "Calendars.ReadWrite",
                "MailboxSettings.ReadWrite"));
        tokens.add(harness.appToken(CONTOSO, APP, "Nothing.Useful"));
        tokens.add(harness.appToken(FABRIKAM, APP));
        tokens.add(harness.appToken(CONTOSO, "admin-console", "Presence.Admin"));
        tokens.add(harness.appToken(CONTOSO, "ops-console", "Presence.Operator"));
        tokens.add("not.a.jwt");
        tokens.add(null);
        List<Routes.Route> routes = Routes.all(harness.json);
        String before = snapshot();
        long started = System.nanoTime();
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            Routes.Route route = routes.get(random.nextInt(routes.size()));
            String path = path(route.path());
            String body = body();
            Map<String, String> headers = headers();
            Reply reply;
            try {
                reply = harness.call(route.method(), path, headers, body);
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " threw: " + route.method() + " " + path + " " + abbreviated(body), e);
            }
            String what = "case " + i + ": " + route.method() + " " + abbreviated(path) + " " + abbreviated(body)
                    + " -> " + reply.status() + " " + abbreviated(reply.body());
            assertTrue(reply.status() < 500, what);
            if (reply.status() >= 400) {
                refused++;
                if (!isGatewayNotFound(reply)) {
                    assertGraphError(reply, what);
                }
                String after = snapshot();
                assertEquals(before, after, "state changed by a refused request: " + what);
            } else {
                before = snapshot();
            }
        }
        System.out.println("FuzzTest: " + CASES + " cases (seed " + SEED + "), " + refused + " refused, "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        assertTrue(refused > CASES / 2, "the generated requests mostly probe refusals: " + refused);
    }

    private static boolean isGatewayNotFound(Reply reply) {
        return reply.status() == 404 && "{\"message\":\"Not Found\"}".equals(reply.body());
    }

    @SuppressWarnings("unchecked")
    private static void assertGraphError(Reply reply, String what) {
        Map<String, Object> error;
        try {
            error = (Map<String, Object>) reply.json().get("error");
        } catch (RuntimeException e) {
            throw new AssertionError("not a Graph error body: " + what, e);
        }
        assertNotNull(error, what);
        assertTrue(error.get("code") instanceof String && error.get("message") instanceof String, what);
    }

    /** What a refused request must leave as it was: the demo users and every subscription of the callers' apps. */
    private static String snapshot() {
        Map<String, UserRecord> users = harness.repository().findUsers(List.of(ADELE, MEGAN, LEE));
        StringBuilder state = new StringBuilder(new java.util.TreeMap<>(users).toString());
        for (String tenant : List.of(CONTOSO, FABRIKAM)) {
            // only APP's tokens hold presence roles, so only its subscriptions can change
            List<Subscription> subs = harness.repository().listSubscriptions(tenant, APP, null, 1000).subscriptions();
            state.append(subs.stream().map(s -> s.id() + s.expiresAt() + s.delivery()).toList());
        }
        state.append(new java.util.TreeMap<>(harness.repository().findTenants(List.of(CONTOSO, FABRIKAM))));
        return state.toString();
    }

    private String path(String template) {
        String path = template;
        while (path.contains("{")) {
            int open = path.indexOf('{');
            int close = path.indexOf('}', open);
            path = path.substring(0, open) + pathParameter() + path.substring(close + 1);
        }
        if (random.nextInt(10) == 0) {
            path += random.nextBoolean() ? "?$select=availability,activity" : "?$skiptoken=" + pick(WORDS) + "&x=%zz";
        }
        return path;
    }

    private String pathParameter() {
        return switch (random.nextInt(10)) {
            case 0 -> MEGAN;
            case 8 -> "%zz" + ADELE;
            case 1 -> UNKNOWN_USER;
            case 2 -> CONTOSO;
            case 3 -> "%00";
            case 4 -> "x".repeat(1 + random.nextInt(3000));
            case 5 -> "%E2%82%AC%F0%9F%98%80";
            case 6 -> "..%2F..%2Fadmin";
            case 7 -> ADELE.toUpperCase();
            default -> ADELE;
        };
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "127.0.0.1:8080");
        String token = tokens.get(random.nextInt(tokens.size()));
        if (token != null) {
            headers.put("authorization", random.nextInt(20) == 0 ? "Bearer " + token + "x".repeat(random.nextInt(5000))
                    : "Bearer " + token);
        }
        if (random.nextInt(4) == 0) {
            headers.put("client-request-id", text());
        }
        if (random.nextInt(4) == 0) {
            headers.put("content-type", pick(new String[] {"application/json", "text/plain", "", "application/json; charset=\u0000"}));
        }
        return headers;
    }

    private String body() {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> pick(new String[] {"{", "}", "[]", "null", "\"x\"", "{\"a\":}", "{} {}", "{}x", "\u0000",
                    "{\"sessionId\":\"" + APP + "\"}{}", "{'a':1}", "{\"a\":1,}"});
            case 3 -> "{\"a\":" + "[".repeat(random.nextInt(2000)) + "]".repeat(random.nextInt(2000)) + "}";
            default -> object(0).toString();
        };
    }

    private StringBuilder object(int depth) {
        StringBuilder json = new StringBuilder("{");
        int properties = random.nextInt(8);
        for (int i = 0; i < properties; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quoted(random.nextInt(10) == 0 ? text() : pick(NAMES))).append(':').append(value(depth + 1));
        }
        return json.append('}');
    }

    private String value(int depth) {
        int kind = random.nextInt(depth > 4 ? 8 : 11);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> pick(new String[] {"0", "-1", "1e999", "123456789012345678901234567890", "3.5", "-0"});
            case 3, 4 -> quoted(pick(WORDS));
            case 5, 6, 7 -> quoted(text());
            case 8 -> object(depth).toString();
            case 9 -> array(depth);
            default -> "[" + value(depth) + "]";
        };
    }

    private String array(int depth) {
        int size = random.nextInt(10) == 0 ? 700 + random.nextInt(600) : random.nextInt(5);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(size > 100 ? quoted(random.nextBoolean() ? ADELE : UNKNOWN_USER) : value(depth + 1));
        }
        return "[" + String.join(",", items) + "]";
    }

    private String text() {
        Supplier<String> unit = switch (random.nextInt(7)) {
            case 0 -> () -> "\\u0000";
            case 1 -> () -> "\\ud800";
            case 2 -> () -> "é€😀";
            case 3 -> () -> "\\\"";
            case 4 -> () -> "'";
            default -> () -> "x";
        };
        int length = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 150_000 + random.nextInt(50_000);
            case 2 -> 1_000 + random.nextInt(20_000);
            default -> random.nextInt(300);
        };
        return unit.get().repeat(length);
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static String abbreviated(String text) {
        return text == null ? "null" : text.length() <= 300 ? text : text.substring(0, 300) + "...(" + text.length() + ")";
    }
}
