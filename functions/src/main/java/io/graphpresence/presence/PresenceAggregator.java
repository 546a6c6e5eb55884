package io.graphpresence.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Computes a user's presence from stored state at a given moment (spec sections 2 and 3).
 * Time-driven changes (fading, expiry) are derived here from stored timestamps, so a read
 * is always right whether or not anything ran in between.
 */
public final class PresenceAggregator {

    static final Duration IDLE_AFTER = Duration.ofMinutes(5);
    static final Duration AWAY_AFTER = Duration.ofMinutes(10);
    private static final Duration JUST_BEFORE = Duration.ofMillis(1);

    private static final Comparator<Candidate> PRECEDENCE = Comparator
            .comparingInt((Candidate c) -> c.pair().availability().rank())
            .thenComparing(c -> c.session().updatedAt())
            .thenComparing(c -> c.session().id());

    private PresenceAggregator() {
    }

    public static PresenceView view(PresenceState state, Instant now) {
        return new PresenceView(pairAt(state, now), statusAt(state, now), outOfOfficeAt(state, now),
                workLocationAt(state, now), sequenceNumber(state, now));
    }

    /**
     * Automatic replies in force, or an oof event in progress (whose messages are the
     * automatic replies' own, when there are any).
     */
    static AutomaticReplies outOfOfficeAt(PresenceState state, Instant t) {
        AutomaticReplies replies = state.automaticReplies();
        if (replies != null && replies.isActiveAt(t)) {
            return replies;
        }
        boolean oofEvent = state.calendar().stream().anyMatch(b -> b.showAs() == ShowAs.oof && b.isLiveAt(t));
        if (!oofEvent) {
            return null;
        }
        return replies == null ? AutomaticReplies.OOF_WITHOUT_MESSAGE : replies.alwaysOn();
    }

    /** Manual wins over automatic; each holds until the end of the user's day. */
    static WorkLocation workLocationAt(PresenceState state, Instant t) {
        if (state.manualLocation() != null && state.manualLocation().isLiveAt(t)) {
            return state.manualLocation();
        }
        return state.automaticLocation() != null && state.automaticLocation().isLiveAt(t)
                ? state.automaticLocation() : null;
    }

    /**
     * Out of office, an aggregate of Available/Available reads Available/OutOfOffice, no live
     * session reads Offline/OutOfOffice, anything else keeps its pair (spec section 5).
     */
    static PresencePair pairAt(PresenceState state, Instant t) {
        PresencePair pair = sessionPairAt(state, t);
        if (outOfOfficeAt(state, t) == null) {
            return pair;
        }
        if (pair.equals(PresencePair.OFFLINE)) {
            return new PresencePair(Availability.Offline, Activity.OutOfOffice);
        }
        boolean available = pair.availability() == Availability.Available && pair.activity() == Activity.Available;
        return available ? new PresencePair(Availability.Available, Activity.OutOfOffice) : pair;
    }

    private static PresencePair sessionPairAt(PresenceState state, Instant t) {
        Optional<PresencePair> strongest = Stream.concat(state.sessions().stream(), meetings(state))
                .filter(s -> s.isLiveAt(t))
                .map(s -> new Candidate(s, effectivePair(s, t)))
                .max(PRECEDENCE)
                .map(Candidate::pair);
        if (strongest.isEmpty()) {
            return PresencePair.OFFLINE;
        }
        PreferredPresence preferred = state.preferred();
        return preferred != null && preferred.isLiveAt(t) ? preferred.pair() : strongest.get();
    }

    private static Stream<Session> meetings(PresenceState state) {
        return state.calendar().stream().filter(CalendarBlock::isMeeting).map(CalendarBlock::asSession);
    }

    static StatusMessage statusAt(PresenceState state, Instant t) {
        StatusMessage message = state.statusMessage();
        return message != null && message.isLiveAt(t) ? message : null;
    }

    /** An Available session that is not refreshed turns idle after 5 minutes, away after 10. */
    private static PresencePair effectivePair(Session session, Instant t) {
        if (!session.fades()) {
            return session.pair();
        }
        Duration age = Duration.between(session.updatedAt(), t);
        if (age.compareTo(AWAY_AFTER) >= 0) {
            return PresencePair.AWAY;
        }
        return age.compareTo(IDLE_AFTER) >= 0 ? PresencePair.IDLE : session.pair();
    }

    /**
     * Fixed width, so that string order is version order: the write count, then the moment
     * of the latest change that time alone caused since that write (zero when none). Writes
     * always outrank time-driven changes before them, and the same state read twice gives
     * the same value.
     */
    static String sequenceNumber(PresenceState state, Instant now) {
        long timePart = lastTimeDrivenChange(state, now).map(Instant::toEpochMilli).orElse(0L);
        return zeroPadded(state.version(), 12) + zeroPadded(timePart, 13);
    }

    /** {@code String.format("%0<width>d", n)}, without a formatter on every read. */
    private static String zeroPadded(long n, int width) {
        if (n < 0) {
            return String.format("%0" + width + "d", n);
        }
        String digits = Long.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** The latest moment in (last write, now] at which what a reader sees changed. */
    static Optional<Instant> lastTimeDrivenChange(PresenceState state, Instant now) {
        return changeMoments(state).stream()
                .filter(t -> t.isAfter(state.writtenAt()) && !t.isAfter(now))
                .sorted(Comparator.reverseOrder())
                .filter(t -> changesAt(state, t))
                .findFirst();
    }

    /**
     * The meetings that have ended and may leave the user's item now. The one whose end (or
     * start) is the time-driven part of the sequence number stays until a write outranks it:
     * dropping it would take the sequence number a read shows back below the one notified.
     * Nothing is dropped unless the sequence number stays what it is.
     */
    public static List<String> endedMeetingsToDrop(PresenceState state, Instant now) {
        Optional<Instant> shaping = lastTimeDrivenChange(state, now);
        List<CalendarBlock> drop = state.calendar().stream()
                .filter(b -> !b.end().isAfter(now))
                .filter(b -> shaping.isEmpty() || !(b.end().equals(shaping.get()) || b.start().equals(shaping.get())))
                .toList();
        if (drop.isEmpty()) {
            return List.of();
        }
        List<CalendarBlock> kept = state.calendar().stream().filter(b -> !drop.contains(b)).toList();
        PresenceState without = new PresenceState(state.sessions(), state.preferred(), state.statusMessage(),
                state.automaticReplies(), kept, state.manualLocation(), state.automaticLocation(), state.version(),
                state.writtenAt());
        return sequenceNumber(without, now).equals(sequenceNumber(state, now))
                ? drop.stream().map(CalendarBlock::eventId).toList() : List.of();
    }

    /** The next moment after {@code now} at which what a reader sees will change by itself. */
    public static Optional<Instant> nextChangeAfter(PresenceState state, Instant now) {
        return changeMoments(state).stream()
                .filter(t -> t.isAfter(now))
                .sorted()
                .filter(t -> changesAt(state, t))
                .findFirst();
    }

    private static boolean changesAt(PresenceState state, Instant t) {
        Instant before = t.minus(JUST_BEFORE);
        return !pairAt(state, t).equals(pairAt(state, before))
                || !Objects.equals(statusAt(state, t), statusAt(state, before))
                || !Objects.equals(outOfOfficeAt(state, t), outOfOfficeAt(state, before))
                || !Objects.equals(workLocationAt(state, t), workLocationAt(state, before));
    }

    /**
     * Every moment at which something stored starts, fades, expires, a meeting or an
     * out-of-office window opens or closes, or a work location ends with the day.
     */
    private static List<Instant> changeMoments(PresenceState state) {
        List<Instant> moments = new ArrayList<>();
        for (Session s : state.sessions()) {
            moments.add(s.startsAt());
            moments.add(s.expiresAt());
            if (s.fades()) {
                moments.add(s.updatedAt().plus(IDLE_AFTER));
                moments.add(s.updatedAt().plus(AWAY_AFTER));
            }
        }
        if (state.preferred() != null) {
            moments.add(state.preferred().expiresAt());
        }
        StatusMessage message = state.statusMessage();
        if (message != null && message.expiry() != null) {
            moments.add(message.expiry().instant());
        }
        AutomaticReplies replies = state.automaticReplies();
        if (replies != null && replies.scheduledStart() != null && replies.scheduledEnd() != null) {
            moments.add(replies.scheduledStart().instant());
            moments.add(replies.scheduledEnd().instant());
        }
        for (CalendarBlock block : state.calendar()) {
            moments.add(block.start());
            moments.add(block.end());
        }
        for (WorkLocation location : new WorkLocation[]{state.manualLocation(), state.automaticLocation()}) {
            if (location != null) {
                moments.add(location.until());
            }
        }
        return moments;
    }

    private record Candidate(Session session, PresencePair pair) {
    }
}
