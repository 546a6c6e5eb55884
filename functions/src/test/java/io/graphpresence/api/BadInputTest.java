package io.graphpresence.api;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalTokens;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.LEE;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static io.graphpresence.local.FunctionHarness.UNKNOWN_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every documented error and every kind of bad input, answered with the exact status and
 * Graph code of spec section 7, a Graph error body, and never a 5xx.
 */
class BadInputTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    /** Who calls: each row names one of these. */
    enum As {
        ADELE_FULL(h -> h.userToken(CONTOSO, ADELE)),
        ADELE_READ_OWN(h -> h.userToken(CONTOSO, ADELE, "Presence.Read")),
        APP_WRITE(h -> h.appToken(CONTOSO, APP)),
        APP_READ(h -> h.appToken(CONTOSO, APP, "Presence.Read.All")),
        APP_NO_ROLES(h -> h.tokens.mint(CONTOSO, APP, null, null, List.of(), Duration.ofHours(1))),
        EXPIRED(h -> h.tokens.mint(CONTOSO, APP, ADELE, null, null, Duration.ofHours(-1))),
        OTHER_KEY(h -> new LocalTokens(h.tokens.issuer(), h.clock).mint(CONTOSO, APP, ADELE, null, null,
                Duration.ofHours(1))),
        GARBAGE(h -> "not.a.jwt"),
        NONE(h -> null);

        final Function<FunctionHarness, String> token;

        As(Function<FunctionHarness, String> token) {
            this.token = token;
        }
    }

    static Stream<Arguments> cases() {
        String me = "/v1.0/me/presence/";
        String adele = "/v1.0/users/" + ADELE + "/presence/";
        String set = me + "setPresence";
        String batch = "/v1.0/communications/getPresencesByUserId";
        return Stream.of(
                row("set: malformed JSON", set, As.ADELE_FULL, "{\"sessionId\":", 400, "BadRequest"),
                row("set: body not an object", set, As.ADELE_FULL, "[1,2]", 400, "BadRequest"),
                row("set: no body", set, As.ADELE_FULL, "", 400, "BadRequest"),
                row("set: missing sessionId", set, As.ADELE_FULL,
                        "{\"availability\":\"Available\",\"activity\":\"Available\"}", 400, "BadRequest"),
                row("set: availability of the wrong type", set, As.ADELE_FULL, session("5", "\"Available\"", null),
                        400, "BadRequest"),
                row("set: unknown availability", set, As.ADELE_FULL, session("\"Sleepy\"", "\"Available\"", null),
                        400, "InvalidArgument"),
                row("set: unsupported pair", set, As.ADELE_FULL, session("\"Busy\"", "\"Available\"", null),
                        400, "InvalidArgument"),
                row("set: InAMeeting cannot be set", set, As.ADELE_FULL, session("\"Busy\"", "\"InAMeeting\"", null),
                        400, "InvalidArgument"),
                row("set: duration too short", set, As.ADELE_FULL, session("\"Away\"", "\"Away\"", "PT4M59S"),
                        400, "InvalidArgument"),
                row("set: duration too long", set, As.ADELE_FULL, session("\"Away\"", "\"Away\"", "PT4H1S"),
                        400, "InvalidArgument"),
                row("set: duration not ISO 8601", set, As.ADELE_FULL, session("\"Away\"", "\"Away\"", "5 minutes"),
                        400, "InvalidArgument"),
                row("set: another application's session", set, As.ADELE_FULL,
                        "{\"sessionId\":\"" + UUID.randomUUID() + "\",\"availability\":\"Away\",\"activity\":\"Away\"}",
                        403, "Forbidden"),
                row("set: non-GUID user id", "/v1.0/users/adele/presence/setPresence", As.APP_WRITE,
                        session("\"Away\"", "\"Away\"", null), 400, "BadRequest"),
                row("set: unknown user", "/v1.0/users/" + UNKNOWN_USER + "/presence/setPresence", As.APP_WRITE,
                        session("\"Away\"", "\"Away\"", null), 404, "NotFound"),
                row("set: user of another tenant", "/v1.0/users/" + LEE + "/presence/setPresence", As.APP_WRITE,
                        session("\"Away\"", "\"Away\"", null), 403, "Forbidden"),
                row("set: delegated token writing someone else", "/v1.0/users/" + MEGAN + "/presence/setPresence",
                        As.ADELE_FULL, session("\"Away\"", "\"Away\"", null), 403, "Forbidden"),
                row("set: delegated token without Presence.ReadWrite", set, As.ADELE_READ_OWN,
                        session("\"Away\"", "\"Away\"", null), 403, "Forbidden"),
                row("set: application token without Presence.ReadWrite.All", adele + "setPresence", As.APP_READ,
                        session("\"Away\"", "\"Away\"", null), 403, "Forbidden"),
                row("set: /me with an application token", set, As.APP_WRITE, session("\"Away\"", "\"Away\"", null),
                        403, "Forbidden"),
                row("set: no token", set, As.NONE, session("\"Away\"", "\"Away\"", null), 401,
                        "InvalidAuthenticationToken"),
                row("clear: no such session", me + "clearPresence", As.ADELE_FULL,
                        "{\"sessionId\":\"" + APP + "\"}", 404, "NotFound"),
                row("clear: another application's session", me + "clearPresence", As.ADELE_FULL,
                        "{\"sessionId\":\"someone-else\"}", 403, "Forbidden"),
                row("clear: sessionId of the wrong type", me + "clearPresence", As.ADELE_FULL,
                        "{\"sessionId\":true}", 400, "BadRequest"),
                row("preferred: unsupported pair", me + "setUserPreferredPresence", As.ADELE_FULL,
                        "{\"availability\":\"Offline\",\"activity\":\"Offline\"}", 400, "InvalidArgument"),
                row("preferred: unknown activity", me + "setUserPreferredPresence", As.ADELE_FULL,
                        "{\"availability\":\"Busy\",\"activity\":\"Napping\"}", 400, "InvalidArgument"),
                row("preferred: duration too long", me + "setUserPreferredPresence", As.ADELE_FULL,
                        "{\"availability\":\"Busy\",\"activity\":\"Busy\",\"expirationDuration\":\"P31D\"}", 400,
                        "InvalidArgument"),
                row("preferred: duration of the wrong type", me + "setUserPreferredPresence", As.ADELE_FULL,
                        "{\"availability\":\"Busy\",\"activity\":\"Busy\",\"expirationDuration\":30}", 400,
                        "BadRequest"),
                row("clear preferred: malformed JSON", me + "clearUserPreferredPresence", As.ADELE_FULL, "{",
                        400, "BadRequest"),
                row("status: statusMessage missing", me + "setStatusMessage", As.ADELE_FULL, "{}", 400, "BadRequest"),
                row("status: content of the wrong type", me + "setStatusMessage", As.ADELE_FULL,
                        "{\"statusMessage\":{\"message\":{\"content\":1}}}", 400, "BadRequest"),
                row("status: html content", me + "setStatusMessage", As.ADELE_FULL,
                        "{\"statusMessage\":{\"message\":{\"content\":\"<b>x</b>\",\"contentType\":\"html\"}}}",
                        400, "InvalidArgument"),
                row("status: unknown time zone", me + "setStatusMessage", As.ADELE_FULL, status("Mars Standard Time",
                        "2026-11-23T17:00:00"), 400, "InvalidArgument"),
                row("status: dateTime not a date", me + "setStatusMessage", As.ADELE_FULL, status("UTC", "tomorrow"),
                        400, "InvalidArgument"),
                row("batch: no ids", batch, As.APP_READ, "{\"ids\":[]}", 400, "InvalidArgument"),
                row("batch: 651 ids", batch, As.APP_READ, ids(651), 400, "InvalidArgument"),
                row("batch: a non-GUID id", batch, As.APP_READ, "{\"ids\":[\"" + ADELE + "\",\"bob\"]}", 400,
                        "BadRequest"),
                row("batch: ids not an array", batch, As.APP_READ, "{\"ids\":\"" + ADELE + "\"}", 400, "BadRequest"),
                row("batch: ids missing", batch, As.APP_READ, "{}", 400, "BadRequest"),
                row("batch: delegated token without Presence.Read.All", batch, As.ADELE_READ_OWN,
                        "{\"ids\":[\"" + ADELE + "\"]}", 403, "Forbidden"),
                get("get: non-GUID id", "/v1.0/users/not-a-guid/presence", As.APP_READ, 400, "BadRequest"),
                get("get: unknown user", "/v1.0/users/" + UNKNOWN_USER + "/presence", As.APP_READ, 404, "NotFound"),
                get("get: unknown user, communications path", "/beta/communications/presences/" + UNKNOWN_USER,
                        As.APP_READ, 404, "NotFound"),
                get("get: no token", "/v1.0/me/presence", As.NONE, 401, "InvalidAuthenticationToken"),
                get("get: malformed token", "/v1.0/me/presence", As.GARBAGE, 401, "InvalidAuthenticationToken"),
                get("get: expired token", "/v1.0/me/presence", As.EXPIRED, 401, "InvalidAuthenticationToken"),
                get("get: token signed by another key", "/v1.0/me/presence", As.OTHER_KEY, 401,
                        "InvalidAuthenticationToken"),
                get("get: reading another user with Presence.Read only", "/v1.0/users/" + MEGAN + "/presence",
                        As.ADELE_READ_OWN, 403, "Forbidden"),
                get("get: application token without roles", "/v1.0/users/" + MEGAN + "/presence", As.APP_NO_ROLES,
                        403, "Forbidden"),
                get("get: /me with an application token", "/v1.0/me/presence", As.APP_READ, 403, "Forbidden"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheGraphError(String name, String method, String path, As as, String body, int status,
                                  String code) {
        Reply reply = harness.call(method, path, as.token.apply(harness), body);
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.errorCode(), reply::toString);
        assertGraphErrorShape(reply);
    }

    @SuppressWarnings("unchecked")
    private static void assertGraphErrorShape(Reply reply) {
        Map<String, Object> error = (Map<String, Object>) reply.json().get("error");
        assertNotNull(error.get("message"), reply::toString);
        Map<String, Object> inner = (Map<String, Object>) error.get("innerError");
        assertNotNull(inner.get("date"), reply::toString);
        assertEquals(reply.headers().get("request-id"), inner.get("request-id"), reply::toString);
    }

    private static Arguments row(String name, String path, As as, String body, int status, String code) {
        return Arguments.of(name, "POST", path, as, body, status, code);
    }

    private static Arguments get(String name, String path, As as, int status, String code) {
        return Arguments.of(name, "GET", path, as, null, status, code);
    }

    private static String session(String availability, String activity, String duration) {
        return "{\"sessionId\":\"" + APP + "\",\"availability\":" + availability + ",\"activity\":" + activity
                + (duration == null ? "" : ",\"expirationDuration\":\"" + duration + "\"") + "}";
    }

    private static String status(String timeZone, String dateTime) {
        return "{\"statusMessage\":{\"message\":{\"content\":\"Back soon\",\"contentType\":\"text\"},"
                + "\"expiryDateTime\":{\"dateTime\":\"" + dateTime + "\",\"timeZone\":\"" + timeZone + "\"}}}";
    }

    private static String ids(int count) {
        return Collections.nCopies(count, ADELE).stream().map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(",", "{\"ids\":[", "]}"));
    }
}
