package io.graphpresence.throttle;

import java.time.Duration;

/** At most {@code requests} calls per fixed window of {@code window}, per (tenant, application). */
public record ThrottleLimit(long requests, Duration window) {

    public ThrottleLimit {
        if (requests < 1 || window.toMillis() < 1000) {
            throw new IllegalArgumentException("A limit needs at least one request per window of at least a second: "
                    + requests + " per " + window);
        }
    }
}
