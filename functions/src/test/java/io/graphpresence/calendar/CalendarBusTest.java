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
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Door 2 of spec section 5: {@code presence.calendar} events through {@code POST /_local/events},
 * the same function EventBridge invokes. Late and repeated events are harmless; malformed ones
 * are dropped whole.
 */
@ClockSensitive
class CalendarBusTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private String user;
    private String reader;

    @BeforeEach
    void freshUser() {
        user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Bus user"));
        reader = harness.appToken(CONTOSO, "reader", "Presence.Read.All");
    }

    private Reply put(String detailType, String detail) {
        String entry = "{\"Source\":\"presence.calendar\",\"DetailType\":\"" + detailType + "\",\"Detail\":"
                + quoted(detail) + "}";
        Reply reply = harness.putEvents("{\"Entries\":[" + entry + "]}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(0, ((Number) reply.json().get("FailedEntryCount")).intValue());
        return reply;
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String changed(String eventId, Instant start, Instant end, String showAs, boolean cancelled, Instant modified) {
        return "{\"tenantId\":\"" + CONTOSO + "\",\"userId\":\"" + user + "\",\"eventId\":\"" + eventId
                + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"showAs\":\"" + showAs
                + "\",\"isCancelled\":" + cancelled + ",\"lastModifiedDateTime\":\"" + modified + "\"}";
    }

    private String deleted(String eventId, Instant modified) {
        return "{\"tenantId\":\"" + CONTOSO + "\",\"userId\":\"" + user + "\",\"eventId\":\"" + eventId
                + "\",\"lastModifiedDateTime\":\"" + modified + "\"}";
    }

    private String pair() {
        return harness.get("/v1.0/users/" + user + "/presence", reader).pair();
    }

    @Test
    void aChangedEventIsAMeetingAndAnOlderVersionArrivingLateIsIgnored() {
        Instant now = harness.clock.instant();
        put("CalendarEventChanged", changed("evt-1", now, now.plusSeconds(1800), "busy", false, now));
        assertEquals("Busy/InAMeeting", pair());
        put("CalendarEventChanged", changed("evt-1", now, now.plusSeconds(1800), "free", false, now.minusSeconds(60)));
        assertEquals("Busy/InAMeeting", pair(), "an older version changes nothing");
        put("CalendarEventChanged", changed("evt-1", now, now.plusSeconds(1800), "busy", true, now.plusSeconds(1)));
        assertEquals("Offline/Offline", pair(), "a newer one, cancelled, ends the meeting");
    }

    @Test
    void aDeletionOlderThanTheEventIsIgnoredAndAnOlderEventCannotReviveADeletedOne() {
        Instant now = harness.clock.instant();
        put("CalendarEventChanged", changed("evt-2", now, now.plusSeconds(1800), "tentative", false, now));
        put("CalendarEventDeleted", deleted("evt-2", now.minusSeconds(5)));
        assertEquals("Busy/InAMeeting", pair());
        put("CalendarEventDeleted", deleted("evt-2", now.plusSeconds(5)));
        assertEquals("Offline/Offline", pair());
        put("CalendarEventChanged", changed("evt-2", now, now.plusSeconds(1800), "busy", false, now.plusSeconds(2)));
        assertEquals("Offline/Offline", pair(), "the redelivered older event stays deleted");
        put("CalendarEventChanged", changed("evt-2", now, now.plusSeconds(1800), "busy", false, now.plusSeconds(10)));
        assertEquals("Busy/InAMeeting", pair(), "while a newer version does apply (spec section 5)");
    }

    @Test
    void redeliveryIsHarmless() {
        Instant now = harness.clock.instant();
        String event = changed("evt-3", now.plusSeconds(60), now.plusSeconds(600), "busy", false, now);
        put("CalendarEventChanged", event);
        put("CalendarEventChanged", event);
        assertEquals("Offline/Offline", pair());
        harness.clock.advance(Duration.ofMinutes(1));
        assertEquals("Busy/InAMeeting", pair());
    }

    @Test
    void automaticRepliesFromTheBusFollowTheSameRulesAndOrder() {
        Instant now = harness.clock.instant();
        put("AutomaticRepliesChanged", "{\"tenantId\":\"" + CONTOSO + "\",\"userId\":\"" + user
                + "\",\"automaticRepliesSetting\":{\"status\":\"alwaysEnabled\",\"internalReplyMessage\":\"Out today\"},"
                + "\"lastModifiedDateTime\":\"" + now + "\"}");
        Reply read = harness.get("/v1.0/users/" + user + "/presence", reader);
        assertEquals("Offline/OutOfOffice", read.pair());
        @SuppressWarnings("unchecked")
        Map<String, Object> oof = (Map<String, Object>) read.json().get("outOfOfficeSettings");
        assertEquals("Out today", oof.get("message"));
        put("AutomaticRepliesChanged", "{\"tenantId\":\"" + CONTOSO + "\",\"userId\":\"" + user
                + "\",\"automaticRepliesSetting\":{\"status\":\"disabled\"},\"lastModifiedDateTime\":\""
                + now.minusSeconds(30) + "\"}");
        assertEquals("Offline/OutOfOffice", pair(), "an older change is ignored");
        put("AutomaticRepliesChanged", "{\"tenantId\":\"" + CONTOSO + "\",\"userId\":\"" + user
                + "\",\"automaticRepliesSetting\":{\"status\":\"disabled\"},\"lastModifiedDateTime\":\""
                + now.plusSeconds(30) + "\"}");
        assertEquals("Offline/Offline", pair(), "while a newer one applies");
    }

    @Test
    void malformedEventsAreDroppedWholeAndNothingIsHalfApplied() {
        Instant now = harness.clock.instant();
        String sequence = (String) harness.get("/v1.0/users/" + user + "/presence", reader).json().get("sequenceNumber");
        put("CalendarEventChanged", changed("evt-4", now.plusSeconds(600), now, "busy", false, now));
        put("CalendarEventChanged", changed("evt-5", now, now.plusSeconds(600), "napping", false, now));
        put("CalendarEventChanged", "{\"tenantId\":\"" + CONTOSO + "\",\"userId\":\"" + user + "\",\"eventId\":\"e\"}");
        put("CalendarEventChanged", changed("evt 6", now, now.plusSeconds(600), "busy", false, now));
        put("CalendarEventMoved", changed("evt-7", now, now.plusSeconds(600), "busy", false, now));
        put("CalendarEventChanged", changed("evt-8", now, now.plusSeconds(600), "busy", false, now)
                .replace(CONTOSO, FunctionHarness.FABRIKAM));
        assertEquals(sequence, harness.get("/v1.0/users/" + user + "/presence", reader).json().get("sequenceNumber"));
        assertEquals("Offline/Offline", pair());
        Reply notJson = harness.putEvents("{\"Entries\":[{\"Source\":\"presence.calendar\","
                + "\"DetailType\":\"CalendarEventChanged\",\"Detail\":\"{not json\"}]}");
        assertEquals(400, notJson.status());

        // the control: a well-formed event through the same door, at the same moment, does apply
        put("CalendarEventChanged", changed("evt-9", now, now.plusSeconds(600), "busy", false, now));
        assertEquals("Busy/InAMeeting", pair());
    }
}
