package io.graphpresence.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of the local stack and the tests: real time (or a fixed start) plus an offset
 * that only grows, so that moving it forward makes fading and expiry happen at once.
 */
public final class DevClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private DevClock(Clock base) {
        this.base = base;
    }

    /** Follows real time, plus whatever it was moved by. */
    public static DevClock ticking() {
        return new DevClock(Clock.systemUTC());
    }

    /** Stands still at {@code start} until moved: for tests that need exact moments. */
    public static DevClock frozenAt(Instant start) {
        return new DevClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** The most one move may advance the clock: a year, leap day included. */
    public static final Duration MAX_MOVE = Duration.ofDays(366);
    /** The clock never passes this: beyond it, dates no longer fit ISO 8601's four-digit years. */
    static final Instant LAST_MOMENT = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * @throws IllegalArgumentException for a negative duration (time never goes back), one
     *                                  longer than {@link #MAX_MOVE}, or one past year 9999
     */
    public synchronized Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward.");
        }
        if (by.compareTo(MAX_MOVE) > 0) {
            throw new IllegalArgumentException("The clock moves at most " + MAX_MOVE.toDays() + " days at a time.");
        }
        if (instant().plus(by).isAfter(LAST_MOMENT)) {
            throw new IllegalArgumentException("The clock does not go past the year 9999.");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    /** Moves the clock to {@code moment} if that is ahead of it (a restored clock: no bound per move); never back. */
    public synchronized Instant advanceTo(Instant moment) {
        Instant now = instant();
        if (moment.isAfter(now) && !moment.isAfter(LAST_MOMENT)) {
            offset.accumulateAndGet(Duration.between(now, moment), Duration::plus);
        }
        return instant();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The dev clock is always UTC.");
    }
}
