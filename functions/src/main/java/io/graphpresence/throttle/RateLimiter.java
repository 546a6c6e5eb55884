package io.graphpresence.throttle;

import io.graphpresence.store.SharedCounter;
import io.graphpresence.store.StoreUnavailableException;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts each (tenant, application, family)'s calls in fixed windows and refuses those over
 * the limit. Counts are kept in memory and added to a {@link SharedCounter} every
 * {@code flushEvery} accepted calls, on the call that reaches it; the answer, every
 * instance's flushed total, is what this instance then believes. So one call in
 * {@code flushEvery} makes one more storage request, a refused call makes none, and an
 * instance can let through at most {@code flushEvery} calls that other instances cannot see
 * yet: over a window, at most {@code limit + instances x flushEvery - 1} calls are accepted
 * (docs/throttling.md derives it).
 */
public final class RateLimiter {

    /** How long a window's count stays in storage after the window ends. */
    static final Duration KEEP_COUNT = Duration.ofHours(1);

    private final Map<ThrottleFamily, ThrottleLimit> limits;
    private final int flushEvery;
    private final SharedCounter shared;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** @param limits the families to limit; a family missing from it is not limited */
    public RateLimiter(Map<ThrottleFamily, ThrottleLimit> limits, int flushEvery, SharedCounter shared) {
        if (flushEvery < 1) {
            throw new IllegalArgumentException("flushEvery must be at least 1, not " + flushEvery);
        }
        this.limits = limits.isEmpty() ? Map.of() : new EnumMap<>(limits);
        this.flushEvery = flushEvery;
        this.shared = shared;
    }

    /** A limiter that accepts everything. */
    public static RateLimiter off() {
        return new RateLimiter(Map.of(), 1, (scope, start, amount, forget) -> 0);
    }

    public int flushEvery() {
        return flushEvery;
    }

    /** @throws TooManyRequestsException when this call would go over the application's limit */
    public void acquire(String tenantId, String appId, ThrottleFamily family, Instant now) {
        ThrottleLimit limit = limits.get(family);
        if (limit == null) {
            return;
        }
        String scope = tenantId + "#" + appId + "#" + family.settingName();
        Window window = windows.compute(scope, (key, current) ->
                current != null && current.holds(now) ? current : Window.around(now, limit.window()));
        synchronized (window) {
            if (window.known + window.pending >= limit.requests()) {
                throw new TooManyRequestsException("Application " + appId + " made " + limit.requests() + " "
                        + family.settingName() + " requests in this tenant within " + limit.window().toSeconds()
                        + " seconds. Retry after the given delay.", window.secondsLeft(now));
            }
            window.pending++;
            if (window.pending >= flushEvery) {
                flush(scope, window);
            }
        }
    }

    private void flush(String scope, Window window) {
        try {
            window.known = shared.add(scope, window.start, window.pending, window.end.plus(KEEP_COUNT));
            window.pending = 0;
        } catch (StoreUnavailableException e) {
            // fail open: the counts stay here and go with the next flush; storage trouble is the
            // operation's to report, not a reason to refuse calls
        }
    }

    /** One fixed window of one scope, as this instance knows it. Guarded by its own lock. */
    private static final class Window {
        final Instant start;
        final Instant end;
        long known;
        long pending;

        private Window(Instant start, Instant end) {
            this.start = start;
            this.end = end;
        }

        /** Windows are aligned to the epoch, so every instance agrees on where they start. */
        static Window around(Instant now, Duration length) {
            long size = length.toMillis();
            Instant start = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
            return new Window(start, start.plusMillis(size));
        }

        boolean holds(Instant now) {
            return now.isBefore(end);
        }

        long secondsLeft(Instant now) {
            long millis = Duration.between(now, end).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }
}
