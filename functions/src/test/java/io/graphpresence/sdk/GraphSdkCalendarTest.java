package io.graphpresence.sdk;

import io.graphpresence.local.ClockSensitive;
import com.microsoft.graph.models.AutomaticRepliesSetting;
import com.microsoft.graph.models.AutomaticRepliesStatus;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.FreeBusyStatus;
import com.microsoft.graph.models.MailboxSettings;
import com.microsoft.graph.models.OutOfOfficeSettings;
import com.microsoft.graph.models.Presence;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The official Microsoft Graph Java SDK creates, updates and deletes a calendar event and sets
 * automatic replies against the local stack, and the presence it reads back follows them.
 */
@ClockSensitive
class GraphSdkCalendarTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private LocalStack stack;
    private GraphServiceClient client;

    @BeforeEach
    void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
        client = appClient("Calendars.ReadWrite", "MailboxSettings.ReadWrite", "Presence.Read.All");
    }

    @AfterEach
    void stop() throws Exception {
        stack.close();
    }

    /** A Graph client with an application token (no user) holding {@code roles}. */
    private GraphServiceClient appClient(String... roles) {
        return LocalGraphClients.application(stack, CONTOSO, APP, roles);
    }

    private static DateTimeTimeZone tokyo(Instant instant) {
        DateTimeTimeZone value = new DateTimeTimeZone();
        value.setDateTime(LOCAL.format(LocalDateTime.ofInstant(instant, TOKYO)));
        value.setTimeZone("Tokyo Standard Time");
        return value;
    }

    /** A new Event each time: the SDK's backing store sends only what changed in a reused one. */
    private Event busyEvent(String subject, Instant start, Duration lasts) {
        Event event = new Event();
        event.setSubject(subject);
        event.setShowAs(FreeBusyStatus.Busy);
        event.setStart(tokyo(start));
        event.setEnd(tokyo(start.plus(lasts)));
        return event;
    }

    private Presence presence() {
        return client.users().byUserId(ADELE).presence().get();
    }

    private static String pair(Presence presence) {
        return presence.getAvailability() + "/" + presence.getActivity();
    }

    /** The instant a returned dateTimeTimeZone names, for the zones this test writes. */
    private static Instant instantOf(DateTimeTimeZone value) {
        assertEquals("Tokyo Standard Time", value.getTimeZone(), "the zone is echoed as written");
        return LocalDateTime.parse(value.getDateTime()).atZone(TOKYO).toInstant();
    }

    @Test
    void aBusyEventCreatedThroughTheSdkIsAMeetingFromItsStart() {
        Instant start = stack.clock().instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Event created = client.users().byUserId(ADELE).events().post(busyEvent("Design review", start, Duration.ofMinutes(30)));

        assertNotNull(created, "POST answers with the event");
        assertNotNull(created.getId(), "the server assigns an id");
        assertFalse(created.getId().isBlank());
        assertEquals("Design review", created.getSubject());
        assertEquals(FreeBusyStatus.Busy, created.getShowAs());
        assertEquals(start, instantOf(created.getStart()));
        assertEquals(start.plus(Duration.ofMinutes(30)), instantOf(created.getEnd()));

        assertEquals("Offline/Offline", pair(presence()), "the meeting has not started");
        stack.clock().advance(Duration.ofMinutes(10));
        assertEquals("Busy/InAMeeting", pair(presence()), "the meeting has started");

        Event read = client.users().byUserId(ADELE).events().byEventId(created.getId()).get();
        assertEquals(created.getId(), read.getId());
        assertEquals("Design review", read.getSubject());
        assertEquals(created.getStart().getDateTime(), read.getStart().getDateTime());
        assertEquals(start, instantOf(read.getStart()));
        assertEquals(FreeBusyStatus.Busy, read.getShowAs());
    }

    @Test
    void patchingToFreeEndsTheMeetingAndADeletedEventIsGone() {
        Instant start = stack.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String id = client.users().byUserId(ADELE).events().post(busyEvent("Standup", start, Duration.ofMinutes(30))).getId();
        assertNotNull(id);
        assertEquals("Busy/InAMeeting", pair(presence()), "a busy event in progress is a meeting");

        Event free = new Event();
        free.setShowAs(FreeBusyStatus.Free);
        Event patched = client.users().byUserId(ADELE).events().byEventId(id).patch(free);
        assertNotNull(patched, "PATCH answers with the event");
        assertEquals(FreeBusyStatus.Free, patched.getShowAs());
        assertEquals("Standup", patched.getSubject(), "what the PATCH does not name stays");
        Presence after = presence();
        assertNotEquals("Busy/InAMeeting", pair(after), "a free event is no meeting");
        assertEquals("Offline/Offline", pair(after));
        assertEquals(FreeBusyStatus.Free, client.users().byUserId(ADELE).events().byEventId(id).get().getShowAs());

        client.users().byUserId(ADELE).events().byEventId(id).delete();
        ODataError gone = assertThrows(ODataError.class,
                () -> client.users().byUserId(ADELE).events().byEventId(id).get());
        assertEquals(404, gone.getResponseStatusCode());
        assertNotNull(gone.getError());
        assertEquals("NotFound", gone.getError().getCode());
        assertEquals("Offline/Offline", pair(presence()));
    }

    @Test
    void automaticRepliesSetThroughTheSdkAreOutOfOffice() {
        Presence before = presence();
        assertNotNull(before.getOutOfOfficeSettings());
        assertEquals(Boolean.FALSE, before.getOutOfOfficeSettings().getIsOutOfOffice());

        AutomaticRepliesSetting replies = new AutomaticRepliesSetting();
        replies.setStatus(AutomaticRepliesStatus.AlwaysEnabled);
        replies.setInternalReplyMessage("On leave until Monday");
        replies.setExternalReplyMessage("I am away");
        MailboxSettings settings = new MailboxSettings();
        settings.setAutomaticRepliesSetting(replies);
        client.users().byUserId(ADELE).mailboxSettings().patch(settings);

        Presence now = presence();
        assertEquals("Offline/OutOfOffice", pair(now));
        OutOfOfficeSettings oof = now.getOutOfOfficeSettings();
        assertNotNull(oof, "presence carries outOfOfficeSettings");
        assertEquals(Boolean.TRUE, oof.getIsOutOfOffice());
        assertEquals("On leave until Monday", oof.getMessage());

        MailboxSettings read = client.users().byUserId(ADELE).mailboxSettings().get();
        assertNotNull(read.getAutomaticRepliesSetting());
        assertEquals(AutomaticRepliesStatus.AlwaysEnabled, read.getAutomaticRepliesSetting().getStatus());
        assertEquals("On leave until Monday", read.getAutomaticRepliesSetting().getInternalReplyMessage());
        assertEquals("I am away", read.getAutomaticRepliesSetting().getExternalReplyMessage());
    }
}
