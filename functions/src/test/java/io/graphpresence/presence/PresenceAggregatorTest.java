package io.graphpresence.presence;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec sections 2 and 3: how sessions add up at a moment, and the sequence number. */
class PresenceAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static final PresencePair AVAILABLE = PresencePair.parse("Available", "Available");
    private static final PresencePair IDLE = PresencePair.parse("AvailableIdle", "Inactive");
    private static final PresencePair AWAY = PresencePair.parse("Away", "Away");
    private static final PresencePair BRB = PresencePair.parse("BeRightBack", "BeRightBack");
    private static final PresencePair IN_A_CALL = PresencePair.parse("Busy", "InACall");
    private static final PresencePair IN_A_CONFERENCE = PresencePair.parse("Busy", "InAConferenceCall");
    private static final PresencePair IN_A_MEETING = PresencePair.parse("Busy", "InAMeeting");
    private static final PresencePair PRESENTING = PresencePair.parse("DoNotDisturb", "Presenting");
    private static final PresencePair DND = PresencePair.parse("DoNotDisturb", "DoNotDisturb");
    private static final PresencePair APPEAR_OFFLINE = PresencePair.parse("Offline", "OffWork");

    // ---- builders ----

    private static Instant minute(double m) {
        return T0.plusMillis(Math.round(m * 60_000));
    }

    /** An application's setPresence session set at the given minute, living an hour. */
    private static Session app(String id, PresencePair pair, double setAtMinute) {
        return app(id, pair, setAtMinute, HOUR);
    }

    private static Session app(String id, PresencePair pair, double setAtMinute, Duration lifetime) {
        return Session.fromApplication(id, pair, minute(setAtMinute), lifetime);
    }

    /** A session that never fades, as BeRightBack or a calendar meeting would be. */
    private static Session fixed(String id, PresencePair pair, double setAtMinute) {
        return new Session(id, pair, minute(setAtMinute), minute(setAtMinute), minute(setAtMinute).plus(HOUR), false);
    }

    /** A calendar meeting, known since T0, live from start (inclusive) to end (exclusive). */
    private static Session meeting(double startMinute, double endMinute) {
        return new Session("meeting", IN_A_MEETING, T0, minute(startMinute), minute(endMinute), false);
    }

    private static PresenceState state(Session... sessions) {
        return new PresenceState(List.of(sessions), null, null, 1, T0);
    }

    private static PresenceState state(PreferredPresence preferred, StatusMessage message, Session... sessions) {
        return new PresenceState(List.of(sessions), preferred, message, 1, T0);
    }

    /** The state after a write at the given minute that leaves these sessions. */
    private static PresenceState written(PresenceState before, double atMinute, Session... sessions) {
        return new PresenceState(List.of(sessions), before.preferred(), before.statusMessage(),
                before.version() + 1, minute(atMinute));
    }

    private static PreferredPresence preferred(PresencePair pair, double untilMinute) {
        return new PreferredPresence(pair, T0, minute(untilMinute));
    }

    private static StatusMessage message(String content, Double expiresAtMinute) {
        DateTimeTimeZone expiry = expiresAtMinute == null ? null
                : new DateTimeTimeZone("x", "UTC", minute(expiresAtMinute));
        return new StatusMessage(content, "text", expiry, T0);
    }

    private static PresencePair pair(PresenceState state, Instant t) {
        return PresenceAggregator.view(state, t).pair();
    }

    private static String seq(PresenceState state, Instant t) {
        return PresenceAggregator.view(state, t).sequenceNumber();
    }

    /** What a reader sees, without the sequence number. */
    private static List<Object> visible(PresenceView view) {
        return List.of(view.pair(), Optional.ofNullable(view.statusMessage()));
    }

    // ---- precedence ----

    /** Strongest first; the i-th session as set at a minute, read at minute 20. */
    private static final List<PresencePair> STRONGEST_FIRST = List.of(PRESENTING, IN_A_CALL, AVAILABLE, IDLE, BRB, AWAY);

    private static Session ranked(int rank, double minute) {
        return switch (rank) {
            case 0 -> app("dnd", PRESENTING, minute);
            case 1 -> app("busy", IN_A_CALL, minute);
            case 2 -> app("available", AVAILABLE, minute);
            case 3 -> app("idle", AVAILABLE, minute - 6); // six minutes old at minute 20: idle
            case 4 -> fixed("brb", BRB, minute);
            case 5 -> app("away", AWAY, minute);
            default -> throw new IllegalArgumentException();
        };
    }

    @Test
    void precedenceIsDoNotDisturbBusyAvailableIdleBeRightBackAway() {
        for (int strong = 0; strong < STRONGEST_FIRST.size(); strong++) {
            for (int weak = strong + 1; weak < STRONGEST_FIRST.size(); weak++) {
                // the weaker one is the more recent, so rank alone must decide
                Session s = ranked(strong, 18);
                Session w = ranked(weak, 19);
                PresencePair expected = STRONGEST_FIRST.get(strong);
                assertEquals(expected, pair(state(s, w), minute(20)), s.id() + " over " + w.id());
                assertEquals(expected, pair(state(w, s), minute(20)), s.id() + " over " + w.id() + ", reversed");
            }
        }
    }

    @Test
    void aTieGoesToTheMostRecentlyUpdatedSession() {
        Session call = app("a", IN_A_CALL, 1);
        Session conference = app("b", IN_A_CONFERENCE, 2);
        assertEquals(IN_A_CONFERENCE, pair(state(call, conference), minute(3)));
        assertEquals(IN_A_CONFERENCE, pair(state(conference, call), minute(3)));
        Session callRefreshed = app("a", IN_A_CALL, 2.5);
        assertEquals(IN_A_CALL, pair(state(callRefreshed, conference), minute(3)));
    }

    // ---- fading ----

    @Test
    void availableFadesToIdleAtFiveMinutesAndAwayAtTen() {
        PresenceState state = state(app("a", AVAILABLE, 0));
        assertEquals(AVAILABLE, pair(state, T0));
        assertEquals(AVAILABLE, pair(state, minute(4).plusSeconds(59).plusMillis(999)));
        assertEquals(IDLE, pair(state, minute(5)));
        assertEquals(IDLE, pair(state, minute(9).plusSeconds(59).plusMillis(999)));
        assertEquals(AWAY, pair(state, minute(10)));
        assertEquals(AWAY, pair(state, minute(59)));
    }

    @Test
    void refreshingRestartsTheFadeClock() {
        PresenceState unrefreshed = state(app("a", AVAILABLE, 0));
        PresenceState refreshed = written(unrefreshed, 4, app("a", AVAILABLE, 4));
        assertEquals(IDLE, pair(unrefreshed, minute(6)));
        assertEquals(AVAILABLE, pair(refreshed, minute(6)));
        assertEquals(AVAILABLE, pair(refreshed, minute(9).minusMillis(1)));
        assertEquals(IDLE, pair(refreshed, minute(9)));
        assertEquals(AWAY, pair(refreshed, minute(14)));
    }

    @Test
    void onlyAvailableSessionsFade() {
        for (PresencePair setTo : List.of(IN_A_CALL, IN_A_CONFERENCE, AWAY, PRESENTING)) {
            PresenceState state = state(app("a", setTo, 0, Duration.ofHours(4)));
            assertEquals(setTo, pair(state, minute(4 * 60).minusMillis(1)), setTo + " faded");
        }
        assertEquals(BRB, pair(state(fixed("brb", BRB, 0)), minute(59)));
        assertEquals(IN_A_MEETING, pair(state(meeting(0, 60)), minute(59)));
    }

    // ---- expiry and liveness ----

    @Test
    void expiredSessionsDropOutAtTheirExpiryExclusive() {
        PresenceState byDefault = state(app("a", AVAILABLE, 0, ExpirationPolicy.session(null)));
        assertEquals(AVAILABLE, pair(byDefault, minute(5).minusMillis(1)));
        assertEquals(PresencePair.OFFLINE, pair(byDefault, minute(5)));

        PresenceState busyThenAway = state(app("busy", IN_A_CALL, 0, Duration.ofMinutes(20)), app("away", AWAY, 0));
        assertEquals(IN_A_CALL, pair(busyThenAway, minute(20).minusMillis(1)));
        assertEquals(AWAY, pair(busyThenAway, minute(20)));
        assertEquals(PresencePair.OFFLINE, pair(busyThenAway, minute(60)));
    }

    @Test
    void noLiveSessionIsOffline() {
        assertEquals(PresencePair.OFFLINE, pair(PresenceState.EMPTY, T0));
        assertNull(PresenceAggregator.view(PresenceState.EMPTY, T0).statusMessage());
        assertEquals(PresencePair.OFFLINE, pair(state(app("a", IN_A_CALL, 0, Duration.ofMinutes(5))), minute(7)));
    }

    @Test
    void aSessionStartingInTheFutureIsNotLiveBeforeItStarts() {
        PresenceState meetingOnly = state(meeting(30, 60));
        assertEquals(PresencePair.OFFLINE, pair(meetingOnly, minute(30).minusMillis(1)));
        assertEquals(IN_A_MEETING, pair(meetingOnly, minute(30)));
        assertEquals(PresencePair.OFFLINE, pair(meetingOnly, minute(60)));

        PresenceState withApp = state(meeting(30, 60), app("a", AVAILABLE, 26));
        assertEquals(AVAILABLE, pair(withApp, minute(30).minusMillis(1)));
        assertEquals(IN_A_MEETING, pair(withApp, minute(30)));
    }

    // ---- preferred presence and status message ----

    @Test
    void preferredPresenceWinsWhileUnexpired() {
        PresenceState state = state(preferred(AVAILABLE, 30), null, app("dnd", PRESENTING, 0));
        assertEquals(AVAILABLE, pair(state, minute(1)), "wins even over DoNotDisturb");
        assertEquals(AVAILABLE, pair(state, minute(30).minusMillis(1)));
        assertEquals(PRESENTING, pair(state, minute(30)), "expired preference");

        PresenceState appearOffline = state(preferred(APPEAR_OFFLINE, 30), null, app("a", AVAILABLE, 0));
        assertEquals(APPEAR_OFFLINE, pair(appearOffline, minute(1)));
    }

    @Test
    void preferredPresenceNeedsALiveSession() {
        assertEquals(PresencePair.OFFLINE, pair(state(preferred(DND, 60), null), minute(1)));
        PresenceState state = state(preferred(DND, 60), null, app("a", IN_A_CALL, 0, Duration.ofMinutes(20)));
        assertEquals(DND, pair(state, minute(20).minusMillis(1)));
        assertEquals(PresencePair.OFFLINE, pair(state, minute(20)));
        PresenceState notYetStarted = state(preferred(DND, 60), null, meeting(30, 40));
        assertEquals(PresencePair.OFFLINE, pair(notYetStarted, minute(29)));
        assertEquals(DND, pair(notYetStarted, minute(30)));
    }

    @Test
    void aStatusMessageShowsUntilItExpiresThenIsNull() {
        StatusMessage lunch = message("Lunch", 30.0);
        PresenceState state = state(null, lunch, app("a", IN_A_CALL, 0));
        assertEquals(lunch, PresenceAggregator.view(state, minute(30).minusMillis(1)).statusMessage());
        assertNull(PresenceAggregator.view(state, minute(30)).statusMessage());

        StatusMessage forever = message("Hi", null);
        assertEquals(forever, PresenceAggregator.view(state(null, forever), T0.plus(Duration.ofDays(3650)))
                .statusMessage());
    }

    // ---- sequence number ----

    @Test
    void theSequenceNumberHasAFixedWidth() {
        PresenceState fresh = state(app("a", AVAILABLE, 0, Duration.ofMinutes(30)));
        PresenceState manyWrites = new PresenceState(fresh.sessions(), null, null, 987_654_321L, T0);
        List<String> values = List.of(
                seq(PresenceState.EMPTY, T0),
                seq(fresh, T0),
                seq(fresh, minute(5)),
                seq(fresh, minute(31)),
                seq(manyWrites, minute(31)),
                seq(fresh, Instant.parse("2199-12-31T23:59:59Z")));
        for (String value : values) {
            assertEquals(values.get(0).length(), value.length(), values::toString);
            assertTrue(value.chars().allMatch(Character::isDigit), value);
        }
        assertEquals(PresenceAggregator.sequenceNumber(fresh, minute(7)), seq(fresh, minute(7)));
    }

    @Test
    void theSameStateReadTwiceAtTheSameMomentGivesTheSameValue() {
        PresenceState one = state(preferred(DND, 20), message("Hi", 15.0), app("a", AVAILABLE, 0));
        PresenceState same = state(preferred(DND, 20), message("Hi", 15.0), app("a", AVAILABLE, 0));
        for (double m : new double[] {0, 5, 12, 17, 25}) {
            assertEquals(seq(one, minute(m)), seq(one, minute(m)));
            assertEquals(seq(one, minute(m)), seq(same, minute(m)));
        }
    }

    @Test
    void readingLaterWithoutAVisibleChangeGivesTheSameValue() {
        PresenceState busy = state(app("a", IN_A_CALL, 0, Duration.ofHours(4)));
        assertEquals(seq(busy, minute(0)), seq(busy, minute(4 * 60).minusMillis(1)));

        PresenceState faded = state(app("a", AVAILABLE, 0));
        assertEquals(seq(faded, minute(10)), seq(faded, minute(60).minusMillis(1)));

        // the Available session fades under a Busy one: nobody can see it
        PresenceState hidden = state(app("busy", IN_A_CALL, 0), app("available", AVAILABLE, 0));
        assertEquals(seq(hidden, minute(1)), seq(hidden, minute(6)));
        assertEquals(seq(hidden, minute(1)), seq(hidden, minute(11)));
    }

    @Test
    void everyTimeDrivenVisibleChangeGivesAStrictlyGreaterValue() {
        PresenceState fading = state(app("a", AVAILABLE, 0, Duration.ofMinutes(30)));
        PresenceState withMessage = state(null, message("Lunch", 7.0), app("a", IN_A_CALL, 0));
        PresenceState withPreference = state(preferred(DND, 8), null, app("a", IN_A_CALL, 0));
        PresenceState withMeeting = state(meeting(30, 45), app("a", AVAILABLE, 26, Duration.ofMinutes(30)));
        assertGrowsAt(fading, 5, 10, 30);
        assertGrowsAt(withMessage, 7, 60);
        assertGrowsAt(withPreference, 8, 60);
        assertGrowsAt(withMeeting, 30, 45, 56); // its fades at 31 and 36 are hidden by the meeting
    }

    private static void assertGrowsAt(PresenceState state, double... changeMinutes) {
        for (double m : changeMinutes) {
            Instant before = minute(m).minusMillis(1);
            PresenceView was = PresenceAggregator.view(state, before);
            PresenceView is = PresenceAggregator.view(state, minute(m));
            assertNotEquals(visible(was), visible(is), "no visible change at minute " + m);
            assertTrue(is.sequenceNumber().compareTo(was.sequenceNumber()) > 0,
                    "minute " + m + ": " + was.sequenceNumber() + " -> " + is.sequenceNumber());
        }
    }

    @Test
    void aWriteGivesAGreaterValueThanAnyBeforeIt() {
        PresenceState before = state(null, message("Lunch", 12.0), app("a", AVAILABLE, 0, Duration.ofMinutes(20)),
                meeting(15, 18));
        for (double writeMinute : new double[] {3, 10, 12, 17, 19.5, 25}) {
            String highestBefore = "";
            for (Instant t = T0; !t.isAfter(minute(writeMinute)); t = t.plusSeconds(10)) { // ends on the write
                String value = seq(before, t);
                highestBefore = value.compareTo(highestBefore) > 0 ? value : highestBefore;
            }
            PresenceState after = written(before, writeMinute, app("b", IN_A_CALL, writeMinute));
            assertTrue(seq(after, minute(writeMinute)).compareTo(highestBefore) > 0,
                    "write at minute " + writeMinute + ": " + highestBefore + " -> " + seq(after, minute(writeMinute)));
        }
    }

    @Test
    void theSequenceNumberNeverDecreasesOverASweep() {
        PresenceState state = state(preferred(DND, 40), message("Lunch", 33.0),
                app("available", AVAILABLE, 0, Duration.ofMinutes(50)),
                app("busy", IN_A_CALL, 2, Duration.ofMinutes(20)),
                meeting(60, 75),
                app("away", AWAY, 1, Duration.ofMinutes(90)));
        TreeSet<Instant> moments = new TreeSet<>();
        for (int second = 0; second <= 120 * 60; second += 7) {
            moments.add(T0.plusSeconds(second));
        }
        for (int m : new int[] {5, 10, 22, 33, 40, 50, 60, 75, 91}) {
            moments.add(minute(m).minusMillis(1));
            moments.add(minute(m));
        }
        String previous = null;
        PresenceView previousView = null;
        int increases = 0;
        for (Instant t : moments) {
            PresenceView view = PresenceAggregator.view(state, t);
            if (previous != null) {
                int order = view.sequenceNumber().compareTo(previous);
                assertTrue(order >= 0, "went back at " + t + ": " + previous + " -> " + view.sequenceNumber());
                if (!visible(view).equals(visible(previousView))) {
                    assertTrue(order > 0, "visible change at " + t + " kept " + previous);
                    increases++;
                }
            }
            previous = view.sequenceNumber();
            previousView = view;
        }
        // message gone at 33, preference over at 40, meeting from 60 to 75, offline at 91
        assertEquals(5, increases, "visible changes seen by the sweep");
    }

    @Test
    void lastTimeDrivenChangeCountsOnlyVisibleChangesSinceTheLastWrite() {
        PresenceState state = state(app("a", AVAILABLE, 0, Duration.ofMinutes(30)));
        assertEquals(Optional.empty(), PresenceAggregator.lastTimeDrivenChange(state, minute(5).minusMillis(1)));
        assertEquals(Optional.of(minute(5)), PresenceAggregator.lastTimeDrivenChange(state, minute(5)));
        assertEquals(Optional.of(minute(10)), PresenceAggregator.lastTimeDrivenChange(state, minute(29)));
        assertEquals(Optional.of(minute(30)), PresenceAggregator.lastTimeDrivenChange(state, minute(300)));

        // a write at minute 7 (say, a status message) keeps the session: the fade at 5 is behind it
        PresenceState laterWrite = written(state, 7, state.sessions().get(0));
        assertEquals(Optional.empty(), PresenceAggregator.lastTimeDrivenChange(laterWrite, minute(8)));
        assertEquals(Optional.of(minute(10)), PresenceAggregator.lastTimeDrivenChange(laterWrite, minute(10)));
    }

    // ---- next change ----

    @Test
    void nextChangeAfterIsTheNextFadeOrExpiry() {
        PresenceState state = state(app("a", AVAILABLE, 0, Duration.ofMinutes(30)));
        assertEquals(Optional.of(minute(5)), PresenceAggregator.nextChangeAfter(state, T0));
        assertEquals(Optional.of(minute(10)), PresenceAggregator.nextChangeAfter(state, minute(5)));
        assertEquals(Optional.of(minute(30)), PresenceAggregator.nextChangeAfter(state, minute(10)));
        assertEquals(Optional.empty(), PresenceAggregator.nextChangeAfter(state, minute(30)));

        PresenceState hiddenFade = state(app("busy", IN_A_CALL, 0, Duration.ofMinutes(20)), app("a", AVAILABLE, 0));
        assertEquals(Optional.of(minute(20)), PresenceAggregator.nextChangeAfter(hiddenFade, minute(1)));

        PresenceState messageAndMeeting = state(null, message("Lunch", 12.0), meeting(30, 40));
        assertEquals(Optional.of(minute(12)), PresenceAggregator.nextChangeAfter(messageAndMeeting, T0));
        assertEquals(Optional.of(minute(30)), PresenceAggregator.nextChangeAfter(messageAndMeeting, minute(12)));
        assertEquals(Optional.of(minute(40)), PresenceAggregator.nextChangeAfter(messageAndMeeting, minute(30)));
    }

    @Test
    void nextChangeAfterIsEmptyWhenNothingWillChange() {
        assertEquals(Optional.empty(), PresenceAggregator.nextChangeAfter(PresenceState.EMPTY, T0));
        assertEquals(Optional.empty(), PresenceAggregator.nextChangeAfter(state(null, message("Hi", null)), T0));
        // a preference expiring with no live session shows nothing
        assertEquals(Optional.empty(), PresenceAggregator.nextChangeAfter(state(preferred(DND, 60), null), T0));
    }
}
