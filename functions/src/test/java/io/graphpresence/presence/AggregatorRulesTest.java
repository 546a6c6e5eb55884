package io.graphpresence.presence;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.graphpresence.presence.Activity.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec section 3 and the sequence number of section 2, in milliseconds, with no storage. */
class AggregatorRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    private static Instant minute(double m) {
        return T0.plusMillis((long) (m * 60_000));
    }

    private static Session app(String id, Availability availability, Activity activity, double setAtMinute,
                               Duration lifetime) {
        return Session.fromApplication(id, new PresencePair(availability, activity), minute(setAtMinute), lifetime);
    }

    private static PresenceState state(Session... sessions) {
        return new PresenceState(List.of(sessions), null, null, sessions.length, T0);
    }

    private static String pairAt(PresenceState state, Instant t) {
        return PresenceAggregator.pairAt(state, t).toString();
    }

    @Test
    void theStrongestLiveSessionWins() {
        List<Session> ranked = List.of(
                app("away", Availability.Away, Away, 0, Duration.ofHours(1)),
                app("available", Availability.Available, Available, 0, Duration.ofHours(1)),
                app("busy", Availability.Busy, InACall, 0, Duration.ofHours(1)),
                app("dnd", Availability.DoNotDisturb, Presenting, 0, Duration.ofHours(1)));
        for (int strongest = 0; strongest < ranked.size(); strongest++) {
            PresenceState upTo = state(ranked.subList(0, strongest + 1).toArray(Session[]::new));
            assertEquals(ranked.get(strongest).pair(), PresenceAggregator.pairAt(upTo, minute(1)));
        }
    }

    @Test
    void idleRanksBetweenAvailableAndAway() {
        PresenceState state = state(app("old", Availability.Available, Available, 0, Duration.ofHours(1)),
                app("away", Availability.Away, Away, 5, Duration.ofHours(1)));
        assertEquals("AvailableIdle/Inactive", pairAt(state, minute(6)));
    }

    @Test
    void aTieGoesToTheSessionUpdatedMostRecently() {
        PresenceState state = state(app("a", Availability.Busy, InACall, 0, Duration.ofHours(1)),
                app("b", Availability.Busy, InAConferenceCall, 1, Duration.ofHours(1)));
        assertEquals("Busy/InAConferenceCall", pairAt(state, minute(2)));
    }

    @Test
    void availableFadesToIdleAtFiveMinutesAndAwayAtTen() {
        PresenceState state = state(app("a", Availability.Available, Available, 0, Duration.ofHours(1)));
        assertEquals("Available/Available", pairAt(state, minute(5).minusMillis(1)));
        assertEquals("AvailableIdle/Inactive", pairAt(state, minute(5)));
        assertEquals("AvailableIdle/Inactive", pairAt(state, minute(10).minusMillis(1)));
        assertEquals("Away/Away", pairAt(state, minute(10)));
    }

    @Test
    void otherAvailabilitiesNeverFade() {
        PresenceState state = state(app("a", Availability.Busy, InACall, 0, Duration.ofHours(4)));
        assertEquals("Busy/InACall", pairAt(state, minute(200)));
    }

    @Test
    void aSessionIsLiveUntilItsExpiryExclusive() {
        PresenceState state = state(app("a", Availability.Busy, InACall, 0, Duration.ofMinutes(20)));
        assertEquals("Busy/InACall", pairAt(state, minute(20).minusMillis(1)));
        assertEquals("Offline/Offline", pairAt(state, minute(20)));
    }

    @Test
    void aSessionThatStartsLaterIsNotLiveBefore() {
        Session meeting = new Session("meeting", new PresencePair(Availability.Busy, InAMeeting), T0, minute(30),
                minute(60), false);
        PresenceState state = state(meeting);
        assertEquals("Offline/Offline", pairAt(state, minute(30).minusMillis(1)));
        assertEquals("Busy/InAMeeting", pairAt(state, minute(30)));
    }

    @Test
    void preferredPresenceWinsOnlyWhileUnexpiredAndASessionIsLive() {
        PreferredPresence dnd = new PreferredPresence(new PresencePair(Availability.DoNotDisturb, DoNotDisturb), T0,
                minute(30));
        PresenceState state = new PresenceState(List.of(app("a", Availability.Busy, InACall, 0, Duration.ofMinutes(20))),
                dnd, null, 2, T0);
        assertEquals("DoNotDisturb/DoNotDisturb", pairAt(state, minute(10)));
        assertEquals("Offline/Offline", pairAt(state, minute(25)), "no live session");
        PresenceState longer = new PresenceState(List.of(app("a", Availability.Busy, InACall, 0, Duration.ofHours(1))),
                dnd, null, 2, T0);
        assertEquals("Busy/InACall", pairAt(longer, minute(30)), "expired preference");
    }

    @Test
    void aStatusMessageShowsUntilItExpires() {
        StatusMessage message = new StatusMessage("Lunch", "text",
                new DateTimeTimeZone("2026-11-23T09:30:00.0000000", "UTC", minute(30)), T0);
        PresenceState state = new PresenceState(List.of(), null, message, 1, T0);
        assertEquals(message, PresenceAggregator.statusAt(state, minute(30).minusMillis(1)));
        assertNull(PresenceAggregator.statusAt(state, minute(30)));
        StatusMessage hi = new StatusMessage("Hi", "text", null, T0);
        PresenceState forever = new PresenceState(List.of(), null, hi, 1, T0);
        assertEquals(hi, PresenceAggregator.statusAt(forever, minute(100_000)), "without an expiry it never expires");
    }

    @Test
    void outOfOfficeMapsAvailableAndOfflineAndKeepsEverythingElse() {
        AutomaticReplies always = new AutomaticReplies(AutomaticReplies.Status.alwaysEnabled,
                AutomaticReplies.Audience.all, "in", "out", null, null);
        PresenceState available = new PresenceState(List.of(app("a", Availability.Available, Available, 0,
                Duration.ofHours(1))), null, null, always, 1, T0);
        assertEquals("Available/OutOfOffice", pairAt(available, minute(1)));
        assertEquals("AvailableIdle/Inactive", pairAt(available, minute(6)), "only Available/Available is mapped");
        PresenceState nobody = new PresenceState(List.of(), null, null, always, 1, T0);
        assertEquals("Offline/OutOfOffice", pairAt(nobody, minute(1)));
        PresenceState busy = new PresenceState(List.of(app("b", Availability.Busy, InACall, 0, Duration.ofHours(1))),
                null, null, always, 1, T0);
        assertEquals("Busy/InACall", pairAt(busy, minute(1)));
        assertEquals("in", always.messageFor(true));
        assertEquals("out", always.messageFor(false));
    }

    @Test
    void aScheduledWindowIsOnFromItsStartUntilItsEnd() {
        AutomaticReplies scheduled = new AutomaticReplies(AutomaticReplies.Status.scheduled,
                AutomaticReplies.Audience.none, "in", "out",
                new DateTimeTimeZone("x", "UTC", minute(10)), new DateTimeTimeZone("y", "UTC", minute(20)));
        assertEquals(false, scheduled.isActiveAt(minute(10).minusMillis(1)));
        assertEquals(true, scheduled.isActiveAt(minute(10)));
        assertEquals(false, scheduled.isActiveAt(minute(20)));
        assertNull(scheduled.messageFor(false), "external audience none");
        PresenceState state = new PresenceState(List.of(), null, null, scheduled, 1, T0);
        assertEquals(Optional.of(minute(10)), PresenceAggregator.nextChangeAfter(state, T0));
        assertEquals(Optional.of(minute(20)), PresenceAggregator.nextChangeAfter(state, minute(10)));
    }

    @Test
    void theSequenceNumberNeverDecreasesAndMovesOnlyWithWhatReadersSee() {
        PresenceState state = state(app("a", Availability.Available, Available, 0, Duration.ofMinutes(30)));
        List<String> seen = new ArrayList<>();
        for (int second = 0; second <= 40 * 60; second += 15) {
            seen.add(PresenceAggregator.sequenceNumber(state, at(Duration.ofSeconds(second))));
        }
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).compareTo(seen.get(i - 1)) >= 0, "never goes back");
            assertEquals(seen.get(0).length(), seen.get(i).length(), "fixed width");
        }
        // four visible changes by time alone: idle at 5, away at 10, offline at 30; nothing after
        assertEquals(4, seen.stream().distinct().count(), seen::toString);
        assertEquals(PresenceAggregator.sequenceNumber(state, minute(12)), PresenceAggregator.sequenceNumber(state, minute(29)));
    }

    @Test
    void aWriteOutranksEveryTimeDrivenValueBeforeIt() {
        PresenceState before = state(app("a", Availability.Available, Available, 0, Duration.ofMinutes(30)));
        String afterFades = PresenceAggregator.sequenceNumber(before, minute(29));
        PresenceState written = new PresenceState(before.sessions(), null, null, before.version() + 1, minute(29));
        assertTrue(PresenceAggregator.sequenceNumber(written, minute(29)).compareTo(afterFades) > 0);
    }

    @Test
    void theNextChangeIsTheNextVisibleOne() {
        PresenceState state = state(app("a", Availability.Available, Available, 0, Duration.ofMinutes(30)),
                app("b", Availability.Busy, InACall, 0, Duration.ofMinutes(20)));
        // the Available session fades under a Busy one: invisible until Busy expires at 20
        assertEquals(Optional.of(minute(20)), PresenceAggregator.nextChangeAfter(state, minute(1)));
        assertEquals(Optional.of(minute(30)), PresenceAggregator.nextChangeAfter(state, minute(20)));
        assertEquals(Optional.empty(), PresenceAggregator.nextChangeAfter(state, minute(30)));
    }
}
