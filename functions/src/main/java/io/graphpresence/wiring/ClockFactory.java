package io.graphpresence.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock every rule reads; the local stack and tests register their own movable one instead. */
@Factory
public class ClockFactory {

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
