package io.graphpresence.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * How deliveries to one subscription are going. While {@link #failingSince} is set, changes
 * are not sent at once but kept as one pending notification per user (the newest replaces
 * the older), and the schedule retries them all at {@link #retryAt}, backing off
 * exponentially for up to four hours (spec section 6).
 */
public record DeliveryState(Instant failingSince, int attempts, Instant retryAt, boolean reauthorizationSent) {

    public static final DeliveryState HEALTHY = new DeliveryState(null, 0, null, false);

    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(30);
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(4);

    public boolean failing() {
        return failingSince != null;
    }

    /** After one more failed attempt at {@code now}: 10 s, 20 s, 40 s ... at most 30 min apart. */
    public DeliveryState failedAt(Instant now) {
        Instant since = failingSince == null ? now : failingSince;
        int tries = attempts + 1;
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(tries - 1, 20));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        return new DeliveryState(since, tries, now.plus(wait), reauthorizationSent);
    }

    /** Four hours after the first failure, what is pending is dropped and deliveries start afresh. */
    public boolean givenUpAt(Instant now) {
        return failingSince != null && !now.isBefore(failingSince.plus(GIVE_UP_AFTER));
    }

    public DeliveryState recovered() {
        return new DeliveryState(null, 0, null, reauthorizationSent);
    }

    public DeliveryState withReauthorizationSent(boolean sent) {
        return new DeliveryState(failingSince, attempts, retryAt, sent);
    }
}
