package io.graphpresence.calendar;

import io.graphpresence.local.ClockSensitive;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Door 1 of spec section 5: Graph's event API drives meetings and out of office, with the clock moved across them. */
@ClockSensitive
class CalendarTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private String user;
    private String calendar;
    private String reader;

    @BeforeEach
    void freshUser() {
        user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Calendar user"));
        calendar = harness.appToken(CONTOSO, "calendar-app", "Calendars.ReadWrite");
        reader = harness.appToken(CONTOSO, "reader", "Presence.Read.All");
    }

    static String at(Instant instant) {
        return "{\"dateTime\":\"" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "\",\"timeZone\":\"UTC\"}";
    }

    private Reply create(String body) {
        return harness.post("/v1.0/users/" + user + "/events", calendar, body);
    }

    private Reply event(String showAs, Duration startsIn, Duration lasts) {
        Instant start = harness.clock.instant().plus(startsIn);
        return create("{\"subject\":\"Sync\",\"showAs\":\"" + showAs + "\",\"start\":" + at(start) + ",\"end\":"
                + at(start.plus(lasts)) + ",\"attendees\":[],\"body\":{\"content\":\"ignored\"}}");
    }

    private Reply presence() {
        return harness.get("/v1.0/users/" + user + "/presence", reader);
    }

    @Test
    void aBusyEventIsAMeetingFromItsStartToItsEndAndTheSequenceNumberGrowsAtBoth() {
        Reply created = event("busy", Duration.ofMinutes(10), Duration.ofMinutes(30));
        assertEquals(201, created.status(), created.body());
        assertEquals("busy", created.json().get("showAs"));
        assertEquals("Offline/Offline", presence().pair());
        String before = (String) presence().json().get("sequenceNumber");

        harness.clock.advance(Duration.ofMinutes(10));
        Reply during = presence();
        assertEquals("Busy/InAMeeting", during.pair());
        String started = (String) during.json().get("sequenceNumber");
        assertTrue(started.compareTo(before) > 0, "the meeting's start is a visible change");

        harness.clock.advance(Duration.ofMinutes(30));
        Reply after = presence();
        assertEquals("Offline/Offline", after.pair());
        assertTrue(((String) after.json().get("sequenceNumber")).compareTo(started) > 0);
    }

    @Test
    void aMeetingRanksAsBusyAmongSessions() {
        harness.post("/v1.0/users/" + user + "/presence/setPresence", harness.appToken(CONTOSO, "teams",
                "Presence.ReadWrite.All"), "{\"sessionId\":\"teams\",\"availability\":\"Available\","
                + "\"activity\":\"Available\",\"expirationDuration\":\"PT1H\"}");
        event("tentative", Duration.ZERO, Duration.ofMinutes(30));
        assertEquals("Busy/InAMeeting", presence().pair());
        harness.post("/v1.0/users/" + user + "/presence/setPresence", harness.appToken(CONTOSO, "teams",
                "Presence.ReadWrite.All"), "{\"sessionId\":\"teams\",\"availability\":\"DoNotDisturb\","
                + "\"activity\":\"Presenting\",\"expirationDuration\":\"PT1H\"}");
        assertEquals("DoNotDisturb/Presenting", presence().pair(), "do not disturb outranks busy");
    }

    @Test
    void freeAndCancelledEventsChangeNothingAndAPatchFollows() {
        String id = (String) event("free", Duration.ZERO, Duration.ofMinutes(30)).json().get("id");
        assertEquals("Offline/Offline", presence().pair());
        Reply patched = harness.call("PATCH", "/v1.0/users/" + user + "/events/" + id, calendar, "{\"showAs\":\"busy\"}");
        assertEquals(200, patched.status(), patched.body());
        assertEquals("Sync", patched.json().get("subject"), "what the PATCH does not name stays");
        assertEquals("Busy/InAMeeting", presence().pair());
        harness.call("PATCH", "/v1.0/users/" + user + "/events/" + id, calendar, "{\"isCancelled\":true}");
        assertEquals("Offline/Offline", presence().pair());
    }

    @Test
    void anOofEventIsOutOfOfficeWithTheAutomaticRepliesMessages() {
        harness.call("PATCH", "/v1.0/users/" + user + "/mailboxSettings",
                harness.appToken(CONTOSO, "mail", "MailboxSettings.ReadWrite"),
                "{\"automaticRepliesSetting\":{\"status\":\"disabled\",\"internalReplyMessage\":\"On leave\","
                        + "\"externalReplyMessage\":\"Away\"}}");
        event("oof", Duration.ofMinutes(1), Duration.ofDays(2));
        assertEquals(Boolean.FALSE, outOfOffice(presence()).get("isOutOfOffice"));
        harness.clock.advance(Duration.ofMinutes(1));
        Reply during = presence();
        assertEquals("Offline/OutOfOffice", during.pair());
        assertEquals(Boolean.TRUE, outOfOffice(during).get("isOutOfOffice"));
        assertEquals("On leave", outOfOffice(during).get("message"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outOfOffice(Reply presence) {
        return (Map<String, Object>) presence.json().get("outOfOfficeSettings");
    }

    @Test
    void aMeetingInTokyoStandardTimeStartsAtTheRightInstant() {
        Instant start = harness.clock.instant().plus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String tokyo = LocalDateTime.ofInstant(start, ZoneOffset.ofHours(9)).toString();
        Reply created = create("{\"showAs\":\"busy\",\"start\":{\"dateTime\":\"" + tokyo + "\",\"timeZone\":"
                + "\"Tokyo Standard Time\"},\"end\":{\"dateTime\":\"" + LocalDateTime.ofInstant(start.plusSeconds(1800),
                ZoneOffset.ofHours(9)) + "\",\"timeZone\":\"Asia/Tokyo\"}}");
        assertEquals(201, created.status(), created.body());
        harness.clock.advanceTo(start.minusMillis(1));
        assertEquals("Offline/Offline", presence().pair());
        harness.clock.advanceTo(start);
        assertEquals("Busy/InAMeeting", presence().pair());
    }

    @Test
    void getPatchAndDeleteFollowGraph() {
        String id = (String) event("busy", Duration.ZERO, Duration.ofMinutes(30)).json().get("id");
        Reply read = harness.get("/v1.0/users/" + user + "/events/" + id, calendar);
        assertEquals(200, read.status());
        assertEquals(id, read.json().get("id"));
        assertEquals(Boolean.FALSE, read.json().get("isAllDay"));
        assertEquals(204, harness.call("DELETE", "/v1.0/users/" + user + "/events/" + id, calendar, null).status());
        assertEquals(404, harness.get("/v1.0/users/" + user + "/events/" + id, calendar).status());
        assertEquals(404, harness.call("DELETE", "/v1.0/users/" + user + "/events/" + id, calendar, null).status());
        assertEquals("Offline/Offline", presence().pair());
    }

    @Test
    void aDelegatedTokenReachesItsOwnCalendarThroughMe() {
        String own = harness.userToken(CONTOSO, user, "Calendars.ReadWrite");
        Instant start = harness.clock.instant();
        Reply created = harness.post("/v1.0/me/events", own, "{\"start\":" + at(start) + ",\"end\":"
                + at(start.plusSeconds(600)) + "}");
        assertEquals(201, created.status(), created.body());
        assertEquals("Busy/InAMeeting", presence().pair(), "showAs defaults to busy, as in Graph");
        String id = (String) created.json().get("id");
        assertEquals(200, harness.get("/v1.0/me/events/" + id, own).status());
        String someoneElse = harness.userToken(CONTOSO, FunctionHarness.ADELE, "Calendars.ReadWrite");
        assertEquals(403, harness.post("/v1.0/users/" + user + "/events", someoneElse, "{\"start\":" + at(start)
                + ",\"end\":" + at(start.plusSeconds(600)) + "}").status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "end before start|{\"start\":{\"dateTime\":\"AT_10\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"AT_9\",\"timeZone\":\"UTC\"}}|400|InvalidArgument",
            "unknown zone|{\"start\":{\"dateTime\":\"AT_10\",\"timeZone\":\"Mars Standard Time\"},\"end\":{\"dateTime\":\"AT_11\",\"timeZone\":\"UTC\"}}|400|InvalidArgument",
            "unknown showAs|{\"showAs\":\"sleeping\",\"start\":{\"dateTime\":\"AT_10\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"AT_11\",\"timeZone\":\"UTC\"}}|400|InvalidArgument",
            "start as a string|{\"start\":\"tomorrow\",\"end\":{\"dateTime\":\"AT_11\",\"timeZone\":\"UTC\"}}|400|BadRequest",
            "no end|{\"start\":{\"dateTime\":\"AT_10\",\"timeZone\":\"UTC\"}}|400|BadRequest",
            "a date with an offset|{\"start\":{\"dateTime\":\"AT_10Z\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"AT_11\",\"timeZone\":\"UTC\"}}|400|InvalidArgument",
            "isCancelled not a boolean|{\"isCancelled\":\"no\",\"start\":{\"dateTime\":\"AT_10\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"AT_11\",\"timeZone\":\"UTC\"}}|400|BadRequest",
            "not JSON|{|400|BadRequest",
    })
    void badEventsAreGraphErrorsAndChangeNothing(String name, String body, int status, String code) {
        // the times are the clock's, so an event wrongly stored would show in presence now
        LocalDateTime now = LocalDateTime.ofInstant(harness.clock.instant(), ZoneOffset.UTC).withNano(0);
        String sequence = (String) presence().json().get("sequenceNumber");
        Reply reply = create(body.replace("AT_9", now.minusHours(1).toString())
                .replace("AT_10", now.toString()).replace("AT_11", now.plusHours(1).toString()));
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.errorCode());
        assertEquals(sequence, presence().json().get("sequenceNumber"), "nothing was written");

        // the control: a good event at the same times does show
        Reply good = create("{\"start\":{\"dateTime\":\"" + now + "\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + now.plusHours(1) + "\",\"timeZone\":\"UTC\"}}");
        assertEquals(201, good.status(), good.body());
        assertEquals("Busy/InAMeeting", presence().pair());
    }

    @Test
    void permissionsTenantsAndUnknownIds() {
        Reply created = event("busy", Duration.ofHours(1), Duration.ofMinutes(30));
        String id = (String) created.json().get("id");
        String fabrikam = harness.appToken(FABRIKAM, "calendar-app", "Calendars.ReadWrite");
        assertEquals(403, harness.get("/v1.0/users/" + user + "/events/" + id, fabrikam).status());
        assertEquals(403, harness.call("PATCH", "/v1.0/users/" + user + "/events/" + id, fabrikam, "{}").status());
        assertEquals(403, harness.post("/v1.0/users/" + user + "/events", fabrikam, "{\"start\":"
                + at(harness.clock.instant()) + ",\"end\":" + at(harness.clock.instant().plusSeconds(60)) + "}").status());
        assertEquals(403, harness.get("/v1.0/users/" + user + "/events/" + id,
                harness.appToken(CONTOSO, "reader", "Presence.Read.All")).status(), "needs a Calendars permission");
        assertEquals(404, harness.get("/v1.0/users/" + user + "/events/AAAAnotthere", calendar).status());
        assertEquals(400, harness.get("/v1.0/users/" + user + "/events/bad%20id", calendar).status());
        assertEquals(404, harness.post("/v1.0/users/" + UUID.randomUUID() + "/events", calendar, "{\"start\":"
                + at(harness.clock.instant()) + ",\"end\":" + at(harness.clock.instant().plusSeconds(60)) + "}").status());
    }
}
