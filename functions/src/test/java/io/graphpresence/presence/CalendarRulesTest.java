package io.graphpresence.presence;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec section 5's rules in the aggregator: meetings, oof events, work location, and when they change. */
class CalendarRulesTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final PresencePair MEETING = new PresencePair(Availability.Busy, Activity.InAMeeting);
    static final PresencePair AVAILABLE = new PresencePair(Availability.Available, Activity.Available);

    private static PresenceState state(List<Session> sessions, List<CalendarBlock> calendar, AutomaticReplies replies,
                                       WorkLocation manual, WorkLocation automatic) {
        return new PresenceState(sessions, null, null, replies, calendar, manual, automatic, 1, T0);
    }

    private static CalendarBlock block(String id, int fromMinute, int toMinute, ShowAs showAs) {
        return new CalendarBlock(id, T0.plus(Duration.ofMinutes(fromMinute)), T0.plus(Duration.ofMinutes(toMinute)), showAs);
    }

    private static Session session(PresencePair pair) {
        return Session.fromApplication("app", pair, T0, Duration.ofHours(4));
    }

    @Test
    void aMeetingIsBusyInAMeetingFromStartInclusiveToEndExclusive() {
        PresenceState s = state(List.of(), List.of(block("m", 10, 40, ShowAs.busy)), null, null, null);
        assertEquals(PresencePair.OFFLINE, PresenceAggregator.view(s, T0.plusSeconds(599)).pair());
        assertEquals(MEETING, PresenceAggregator.view(s, T0.plusSeconds(600)).pair());
        assertEquals(PresencePair.OFFLINE, PresenceAggregator.view(s, T0.plusSeconds(2400)).pair());
        assertEquals(T0.plusSeconds(600), PresenceAggregator.nextChangeAfter(s, T0).orElseThrow());
        assertEquals(T0.plusSeconds(2400), PresenceAggregator.nextChangeAfter(s, T0.plusSeconds(600)).orElseThrow());
    }

    /**
     * The end of the last meeting after the last write is the time part of the sequence number:
     * that meeting stays on the item until a write outranks it, so a read never shows a lower
     * sequence number than the one notified; earlier ones leave.
     */
    @Test
    void anEndedMeetingLeavesTheItemOnlyWhenTheSequenceNumberDoesNotNeedIt() {
        PresenceState s = state(List.of(), List.of(block("early", 10, 20, ShowAs.busy),
                block("late", 30, 40, ShowAs.busy), block("coming", 90, 100, ShowAs.busy)), null, null, null);
        Instant afterBoth = T0.plus(Duration.ofMinutes(45));
        assertEquals(List.of("early"), PresenceAggregator.endedMeetingsToDrop(s, afterBoth));
        assertEquals(List.of(), PresenceAggregator.endedMeetingsToDrop(s, T0.plus(Duration.ofMinutes(5))));

        PresenceState rewritten = new PresenceState(List.of(), null, null, null, s.calendar(), null, null, 2,
                T0.plus(Duration.ofMinutes(50)));
        assertEquals(List.of("early", "late"), PresenceAggregator.endedMeetingsToDrop(rewritten,
                T0.plus(Duration.ofMinutes(55))), "a later write outranks both");
    }

    @Test
    void aMeetingRanksAsBusy() {
        PresenceState available = state(List.of(session(AVAILABLE)), List.of(block("m", 0, 30,
                ShowAs.tentative)), null, null, null);
        assertEquals(MEETING, PresenceAggregator.view(available, T0.plusSeconds(60)).pair());
        PresenceState dnd = state(List.of(session(new PresencePair(Availability.DoNotDisturb, Activity.Presenting))),
                List.of(block("m", 0, 30, ShowAs.busy)), null, null, null);
        assertEquals(Availability.DoNotDisturb, PresenceAggregator.view(dnd, T0.plusSeconds(60)).pair().availability());
    }

    @Test
    void anOofEventIsOutOfOfficeDuringItsTimeWithTheRepliesMessages() {
        AutomaticReplies off = new AutomaticReplies(AutomaticReplies.Status.disabled, AutomaticReplies.Audience.none,
                "inside", "outside", null, null);
        PresenceState s = state(List.of(session(AVAILABLE)), List.of(block("o", 1, 65, ShowAs.oof)), off,
                null, null);
        assertNull(PresenceAggregator.view(s, T0).outOfOffice());
        PresenceView during = PresenceAggregator.view(s, T0.plusSeconds(60));
        assertEquals(new PresencePair(Availability.Available, Activity.OutOfOffice), during.pair());
        assertEquals("inside", during.outOfOffice().messageFor(true));
        assertNull(during.outOfOffice().messageFor(false), "externalAudience none hides the external message");
        PresenceState noReplies = state(List.of(), List.of(block("o", 0, 60, ShowAs.oof)), null, null, null);
        assertEquals(new PresencePair(Availability.Offline, Activity.OutOfOffice),
                PresenceAggregator.view(noReplies, T0).pair());
    }

    @Test
    void freeCancelledAndOtherEventsHaveNoBlock() {
        DateTimeTimeZone start = DateTimeTimeZone.parse("2026-11-23T10:00:00", "UTC", "start");
        DateTimeTimeZone end = DateTimeTimeZone.parse("2026-11-23T11:00:00", "UTC", "end");
        for (ShowAs showAs : List.of(ShowAs.free, ShowAs.workingElsewhere, ShowAs.unknown)) {
            assertTrue(new CalendarEvent("e", null, start, end, showAs, false, false, T0).block().isEmpty(), showAs.name());
        }
        assertTrue(new CalendarEvent("e", null, start, end, ShowAs.busy, true, false, T0).block().isEmpty());
        assertTrue(new CalendarEvent("e", null, start, end, ShowAs.tentative, false, false, T0).block().isPresent());
        assertThrows(InvalidPresenceException.class, () -> new CalendarEvent("e", null, end, start, ShowAs.busy, false,
                false, T0));
        assertThrows(InvalidPresenceException.class, () -> ShowAs.parse("napping"));
    }

    @Test
    void onlyTheComingDaysEventsBelongOnTheItem() {
        assertTrue(CalendarHorizon.isNear(block("a", 60, 90, ShowAs.busy), T0));
        assertFalse(CalendarHorizon.isNear(block("b", 24 * 60, 24 * 60 + 30, ShowAs.busy), T0));
        assertFalse(CalendarHorizon.isNear(block("c", -60, -30, ShowAs.busy), T0), "an ended event is not");
        assertEquals(T0, CalendarHorizon.moveAt(T0.plus(Duration.ofDays(1))));
    }

    @Test
    void manualLocationWinsAndEachEndsWithTheDayInTheUsersZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant midnight = WorkLocation.endOfDay(T0, tokyo);
        assertEquals(Instant.parse("2026-11-23T15:00:00Z"), midnight, "09:00Z is 18:00 in Tokyo");
        WorkLocation manual = new WorkLocation(WorkLocation.Type.office, WorkLocation.Source.manual, "b1", midnight);
        WorkLocation automatic = new WorkLocation(WorkLocation.Type.remote, WorkLocation.Source.automatic, null,
                midnight.plusSeconds(3600));
        PresenceState s = state(List.of(), List.of(), null, manual, automatic);
        assertEquals(manual, PresenceAggregator.view(s, T0).workLocation());
        assertEquals(automatic, PresenceAggregator.view(s, midnight).workLocation());
        assertNull(PresenceAggregator.view(s, midnight.plusSeconds(3600)).workLocation());
        assertEquals(midnight, PresenceAggregator.nextChangeAfter(s, T0).orElseThrow());
        assertEquals(WorkLocation.Type.timeOff, WorkLocation.Type.parse("timeoff"));
        assertThrows(InvalidPresenceException.class, () -> WorkLocation.Type.parse("moon"));
        String before = PresenceAggregator.view(s, T0).fingerprint();
        assertFalse(before.equals(PresenceAggregator.view(s, midnight).fingerprint()), "a location change is visible");
    }
}
