package io.graphpresence.wiring;

import io.graphpresence.store.SharedCounter;
import io.graphpresence.throttle.RateLimiter;
import io.graphpresence.throttle.ThrottleFamily;
import io.graphpresence.throttle.ThrottleLimit;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Throttling's settings ({@code presence.throttle.*}, or {@code PRESENCE_THROTTLE_*} in a
 * function's environment). The defaults are Graph's published limits; docs/throttling.md
 * gives their sources.
 */
@Factory
public class ThrottleFactory {

    @Singleton
    RateLimiter rateLimiter(SharedCounter counter,
                            @Value("${presence.throttle.enabled:true}") boolean enabled,
                            @Value("${presence.throttle.flush-every:10}") int flushEvery,
                            @Value("${presence.throttle.reads.limit:1500}") long readLimit,
                            @Value("${presence.throttle.reads.window:30s}") Duration readWindow,
                            @Value("${presence.throttle.writes.limit:1500}") long writeLimit,
                            @Value("${presence.throttle.writes.window:30s}") Duration writeWindow,
                            @Value("${presence.throttle.subscriptions.limit:1000}") long subscriptionLimit,
                            @Value("${presence.throttle.subscriptions.window:20s}") Duration subscriptionWindow) {
        if (!enabled) {
            return RateLimiter.off();
        }
        Map<ThrottleFamily, ThrottleLimit> limits = new EnumMap<>(ThrottleFamily.class);
        limits.put(ThrottleFamily.READS, new ThrottleLimit(readLimit, readWindow));
        limits.put(ThrottleFamily.WRITES, new ThrottleLimit(writeLimit, writeWindow));
        limits.put(ThrottleFamily.SUBSCRIPTIONS, new ThrottleLimit(subscriptionLimit, subscriptionWindow));
        return new RateLimiter(limits, flushEvery, counter);
    }
}
