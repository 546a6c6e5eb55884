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

    /** @throws IllegalArgumentException for a negative duration: time never goes back */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward.");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    /** Moves the clock to {@code moment} if that is ahead of it; never back. */
    public Instant advanceTo(Instant moment) {
        Instant now = instant();
        return moment.isAfter(now) ? advance(Duration.between(now, moment)) : now;
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
