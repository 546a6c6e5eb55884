package io.graphpresence.api;

import io.graphpresence.local.ClockSensitive;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static io.graphpresence.local.FunctionHarness.UNKNOWN_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Automatic replies make a user out of office, in their window, with the message each reader may see. */
@ClockSensitive
class MailboxSettingsTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private static String mailApp() {
        return harness.appToken(CONTOSO, "mail-app", "MailboxSettings.ReadWrite", "Presence.ReadWrite.All");
    }

    private static Reply patch(String user, String token, String body) {
        return harness.call("PATCH", "/v1.0/users/" + user + "/mailboxSettings", Map.of("authorization",
                "Bearer " + token), body);
    }

    /** The harness's start plus {@code after}, as a Tokyo wall-clock time. */
    private static String tokyo(Duration after) {
        return LocalDateTime.ofInstant(FunctionHarness.START.plus(after), ZoneId.of("Asia/Tokyo"))
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outOfOffice(Reply reply) {
        return (Map<String, Object>) reply.json().get("outOfOfficeSettings");
    }

    @Test
    void aScheduledWindowInAWindowsZoneOpensAndClosesAsVisibleChanges() {
        // Tokyo is UTC+9 all year: the window is half an hour to two hours after the harness's start
        Reply set = patch(ADELE, mailApp(), "{\"timeZone\":\"Tokyo Standard Time\",\"automaticRepliesSetting\":{"
                + "\"status\":\"scheduled\",\"internalReplyMessage\":\"At the offsite\",\"externalReplyMessage\":\"Away\","
                + "\"scheduledStartDateTime\":{\"dateTime\":\"" + tokyo(Duration.ofMinutes(30)) + "\",\"timeZone\":\"Tokyo Standard Time\"},"
                + "\"scheduledEndDateTime\":{\"dateTime\":\"" + tokyo(Duration.ofHours(2)) + "\",\"timeZone\":\"Tokyo Standard Time\"}}}");
        assertEquals(200, set.status(), set::toString);
        assertEquals("Tokyo Standard Time", set.json().get("timeZone"));
        harness.post("/v1.0/users/" + ADELE + "/presence/setPresence", harness.appToken(CONTOSO, APP),
                "{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\",\"expirationDuration\":\"PT4H\"}");

        Reply before = read(ADELE, CONTOSO);
        assertEquals(false, outOfOffice(before).get("isOutOfOffice"));
        harness.clock.advance(Duration.ofMinutes(30));
        Reply inside = read(ADELE, CONTOSO);
        assertEquals(Map.of("isOutOfOffice", true, "message", "At the offsite"), outOfOffice(inside));
        assertEquals("Busy/InACall", inside.pair(), "a call keeps its pair while out of office");
        assertTrue(sequence(inside).compareTo(sequence(before)) > 0, "the window opening is a visible change");
        harness.clock.advance(Duration.ofMinutes(90));
        Reply after = read(ADELE, CONTOSO);
        assertEquals(false, outOfOffice(after).get("isOutOfOffice"));
        assertTrue(sequence(after).compareTo(sequence(inside)) > 0, "and so is its closing");
    }

    @Test
    void readersOfAnotherTenantSeeTheExternalMessageOrNone() {
        harness.repository().putExternalAccess(FABRIKAM, new ExternalAccess(ExternalAccess.Mode.allowList,
                List.of("contoso.com")));
        patch(MEGAN, mailApp(), "{\"automaticRepliesSetting\":{\"status\":\"alwaysEnabled\","
                + "\"internalReplyMessage\":\"In Lisbon, ping me\",\"externalReplyMessage\":\"Out this week\"}}");
        assertEquals(Map.of("isOutOfOffice", true, "message", "In Lisbon, ping me"), outOfOffice(read(MEGAN, CONTOSO)));
        Reply external = harness.get("/v1.0/users/" + MEGAN + "/presence", harness.userToken(FABRIKAM, LEE));
        assertEquals(Map.of("isOutOfOffice", true, "message", "Out this week"), outOfOffice(external));
        assertEquals("Offline/OutOfOffice", external.pair(), "no live session while out of office");
        patch(MEGAN, mailApp(), "{\"automaticRepliesSetting\":{\"externalAudience\":\"none\"}}");
        Map<String, Object> none = outOfOffice(harness.get("/v1.0/users/" + MEGAN + "/presence",
                harness.userToken(FABRIKAM, LEE)));
        assertEquals(true, none.get("isOutOfOffice"));
        assertEquals(null, none.get("message"), "external audience none: no message outside the tenant");
        Reply settings = harness.get("/v1.0/users/" + MEGAN + "/mailboxSettings", mailApp());
        @SuppressWarnings("unchecked")
        Map<String, Object> replies = (Map<String, Object>) settings.json().get("automaticRepliesSetting");
        assertEquals("In Lisbon, ping me", replies.get("internalReplyMessage"), "a PATCH keeps what it does not name");
    }

    @Test
    void badInputAndAccessAreGraphErrors() {
        assertError(400, "InvalidArgument", patch(ADELE, mailApp(), "{\"automaticRepliesSetting\":{\"status\":\"sometimes\"}}"));
        assertError(400, "InvalidArgument", patch(ADELE, mailApp(), "{\"timeZone\":\"Atlantis Standard Time\"}"));
        assertError(400, "InvalidArgument", patch(ADELE, mailApp(), "{\"automaticRepliesSetting\":{\"status\":\"scheduled\","
                + "\"scheduledStartDateTime\":{\"dateTime\":\"2026-11-24T10:00:00\",\"timeZone\":\"UTC\"},"
                + "\"scheduledEndDateTime\":{\"dateTime\":\"2026-11-24T09:00:00\",\"timeZone\":\"UTC\"}}}"));
        assertError(400, "BadRequest", patch(ADELE, mailApp(), "{\"automaticRepliesSetting\":\"on\"}"));
        assertError(404, "NotFound", patch(UNKNOWN_USER, mailApp(), "{\"timeZone\":\"UTC\"}"));
        assertError(403, "Forbidden", patch(LEE, mailApp(), "{\"timeZone\":\"UTC\"}"));
        assertError(403, "Forbidden", patch(ADELE, harness.appToken(CONTOSO, APP), "{\"timeZone\":\"UTC\"}"));
        assertError(403, "Forbidden", patch(MEGAN, harness.tokens.mint(CONTOSO, APP, ADELE,
                List.of("MailboxSettings.ReadWrite"), null, Duration.ofHours(1)), "{\"timeZone\":\"UTC\"}"));
        assertError(403, "Forbidden", harness.get("/v1.0/users/" + LEE + "/mailboxSettings", mailApp()));
    }

    private static Reply read(String user, String tenant) {
        return harness.get("/v1.0/users/" + user + "/presence", harness.appToken(tenant, "reader", "Presence.Read.All"));
    }

    private static String sequence(Reply reply) {
        return (String) reply.json().get("sequenceNumber");
    }

    private static void assertError(int status, String code, Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.errorCode(), reply::toString);
    }
}
