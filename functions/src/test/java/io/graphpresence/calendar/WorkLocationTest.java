package io.graphpresence.calendar;

import io.graphpresence.local.ClockSensitive;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The work location actions on /me/presence and workLocation in reads (spec section 5). */
@ClockSensitive
class WorkLocationTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private String user;
    private String token;

    @BeforeEach
    void freshUser() {
        user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Located user"));
        // a day long: one test moves the clock to the user's midnight
        token = harness.tokens.mint(CONTOSO, FunctionHarness.APP, user,
                List.of("Presence.ReadWrite", "MailboxSettings.ReadWrite"), null, Duration.ofDays(1));
    }

    private Reply action(String name, String body) {
        return harness.post("/v1.0/me/presence/" + name, token, body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> location() {
        Reply read = harness.get("/v1.0/me/presence", token);
        assertEquals(200, read.status(), read.body());
        return (Map<String, Object>) read.json().get("workLocation");
    }

    @Test
    void manualWinsOverAutomaticAndClearingFollowsGraph() {
        assertEquals(Map.of("workLocationType", "unspecified", "source", "none"), withoutPlace(location()));
        assertEquals(200, action("setAutomaticLocation", "{\"workLocationType\":\"remote\"}").status());
        assertEquals(Map.of("workLocationType", "remote", "source", "automatic"), withoutPlace(location()));
        assertEquals(200, action("setManualLocation", "{\"workLocationType\":\"office\",\"placeId\":\"b-42\"}").status());
        assertEquals("office", location().get("workLocationType"));
        assertEquals("manual", location().get("source"));
        assertEquals("b-42", location().get("placeId"));
        assertEquals(200, action("clearAutomaticLocation", null).status());
        assertEquals("manual", location().get("source"), "a manual location still wins");
        action("setAutomaticLocation", "{\"workLocationType\":\"remote\"}");
        assertEquals(200, action("clearLocation", null).status());
        assertEquals(Map.of("workLocationType", "unspecified", "source", "none"), withoutPlace(location()),
                "clearLocation clears both layers");
    }

    private static Map<String, Object> withoutPlace(Map<String, Object> location) {
        return Map.of("workLocationType", location.get("workLocationType"), "source", location.get("source"));
    }

    @Test
    void aLocationHoldsUntilMidnightInTheMailboxTimeZone() {
        Reply zone = harness.call("PATCH", "/v1.0/me/mailboxSettings", token, "{\"timeZone\":\"Tokyo Standard Time\"}");
        assertEquals(200, zone.status(), zone.body());
        String sequence = (String) harness.get("/v1.0/me/presence", token).json().get("sequenceNumber");
        action("setManualLocation", "{\"workLocationType\":\"timeOff\"}");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant midnight = LocalDate.ofInstant(harness.clock.instant(), tokyo).plusDays(1).atStartOfDay(tokyo).toInstant();
        harness.clock.advanceTo(midnight.minusMillis(1));
        assertEquals("timeOff", location().get("workLocationType"));
        harness.clock.advanceTo(midnight);
        Reply after = harness.get("/v1.0/me/presence", token);
        assertEquals("unspecified", location().get("workLocationType"));
        assertTrue(((String) after.json().get("sequenceNumber")).compareTo(sequence) > 0,
                "the location's end is a visible change");
    }

    @Test
    void onlyTheSignedInUserWithPresenceReadWriteAndAKnownType() {
        String app = harness.appToken(CONTOSO, "app", "Presence.ReadWrite.All");
        assertEquals(403, harness.post("/v1.0/me/presence/setManualLocation", app, "{\"workLocationType\":\"office\"}")
                .status());
        String readOnly = harness.userToken(CONTOSO, user, "Presence.Read");
        assertEquals(403, harness.post("/v1.0/me/presence/setManualLocation", readOnly,
                "{\"workLocationType\":\"office\"}").status());
        Reply unknown = action("setManualLocation", "{\"workLocationType\":\"moon\"}");
        assertEquals(400, unknown.status());
        assertEquals("InvalidArgument", unknown.errorCode());
        assertEquals(400, action("setManualLocation", "{\"workLocationType\":\"unspecified\"}").status());
        assertEquals(400, action("setManualLocation", "{}").status());
        assertEquals(400, action("setManualLocation", "{\"workLocationType\":7}").status());
        assertEquals(Map.of("workLocationType", "unspecified", "source", "none"), withoutPlace(location()),
                "the refused writes changed nothing");
        assertEquals(200, action("setManualLocation", "{\"workLocationType\":\"office\"}").status());
        assertEquals("office", location().get("workLocationType"), "while the user's own good write applies");
        harness.clock.advance(Duration.ofSeconds(1));
    }
}
