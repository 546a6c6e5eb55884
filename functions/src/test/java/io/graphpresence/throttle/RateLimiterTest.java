package io.graphpresence.throttle;

import io.graphpresence.store.SharedCounter;
import io.graphpresence.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limiter's rules, over a counter in memory that records what it is asked. */
class RateLimiterTest {

    private static final Instant WINDOW_START = Instant.parse("2026-11-23T09:00:00Z");
    private static final ThrottleLimit FIVE_PER_30S = new ThrottleLimit(5, Duration.ofSeconds(30));

    /** A shared counter in memory: what the table holds, and how many times it was written. */
    static final class CountingCounter implements SharedCounter {
        final Map<String, Long> totals = new HashMap<>();
        final List<Long> additions = new ArrayList<>();
        boolean down;

        @Override
        public synchronized long add(String scope, Instant windowStart, long amount, Instant forgetAfter) {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            additions.add(amount);
            return totals.merge(scope + "@" + windowStart, amount, Long::sum);
        }
    }

    private final CountingCounter counter = new CountingCounter();

    private RateLimiter limiter(int flushEvery) {
        return new RateLimiter(Map.of(ThrottleFamily.READS, FIVE_PER_30S), flushEvery, counter);
    }

    @Test
    void theCallOverTheLimitIsRefusedWithTheSecondsLeftInTheWindow() {
        RateLimiter limiter = limiter(1);
        Instant now = WINDOW_START.plusSeconds(12).plusMillis(300);
        for (int i = 0; i < 5; i++) {
            limiter.acquire("t", "app", ThrottleFamily.READS, now);
        }
        TooManyRequestsException refused = assertThrows(TooManyRequestsException.class,
                () -> limiter.acquire("t", "app", ThrottleFamily.READS, now));
        assertEquals(18, refused.retryAfterSeconds(), "17.7 s left, rounded up");
        // the next window starts afresh
        limiter.acquire("t", "app", ThrottleFamily.READS, WINDOW_START.plusSeconds(30));
    }

    @Test
    void otherApplicationsTenantsAndFamiliesHaveLimitsOfTheirOwn() {
        RateLimiter limiter = new RateLimiter(Map.of(ThrottleFamily.READS, FIVE_PER_30S,
                ThrottleFamily.WRITES, FIVE_PER_30S), 1, counter);
        for (int i = 0; i < 5; i++) {
            limiter.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        }
        assertThrows(TooManyRequestsException.class, () -> limiter.acquire("t", "app", ThrottleFamily.READS,
                WINDOW_START));
        limiter.acquire("t", "other-app", ThrottleFamily.READS, WINDOW_START);
        limiter.acquire("other-tenant", "app", ThrottleFamily.READS, WINDOW_START);
        limiter.acquire("t", "app", ThrottleFamily.WRITES, WINDOW_START);
        // a family without a limit is not counted at all
        limiter.acquire("t", "app", ThrottleFamily.SUBSCRIPTIONS, WINDOW_START);
    }

    @Test
    void countsGoToStorageOnceEveryFlushEveryCallsAndRefusalsCostNothing() {
        RateLimiter limiter = new RateLimiter(Map.of(ThrottleFamily.READS,
                new ThrottleLimit(100, Duration.ofSeconds(30))), 10, counter);
        for (int i = 0; i < 100; i++) {
            limiter.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        }
        assertEquals(10, counter.additions.size());
        assertTrue(counter.additions.stream().allMatch(amount -> amount == 10));
        for (int i = 0; i < 50; i++) {
            assertThrows(TooManyRequestsException.class,
                    () -> limiter.acquire("t", "app", ThrottleFamily.READS, WINDOW_START));
        }
        assertEquals(10, counter.additions.size(), "a refused call makes no storage request");
    }

    @Test
    void anInstanceLearnsOtherInstancesCountsWhenItFlushes() {
        RateLimiter first = limiter(2);
        RateLimiter second = limiter(2);
        for (int i = 0; i < 4; i++) {
            first.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        }
        // the second instance sees 4 once it flushes its own 2: 6 is over 5
        second.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        second.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        assertThrows(TooManyRequestsException.class, () -> second.acquire("t", "app", ThrottleFamily.READS,
                WINDOW_START));
    }

    @Test
    void storageTroubleLetsCallsThroughAndKeepsTheirCounts() {
        RateLimiter limiter = limiter(2);
        counter.down = true;
        limiter.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        limiter.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        limiter.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        counter.down = false;
        limiter.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        assertEquals(List.of(4L), counter.additions, "the counts kept while storage was down go with the next flush");
        limiter.acquire("t", "app", ThrottleFamily.READS, WINDOW_START);
        assertThrows(TooManyRequestsException.class, () -> limiter.acquire("t", "app", ThrottleFamily.READS,
                WINDOW_START));
    }
}
