package io.graphpresence.presence;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Defaults and valid ranges of expirationDuration (spec section 3). */
public final class ExpirationPolicy {

    static final Duration SESSION_DEFAULT = Duration.ofMinutes(5);
    static final Duration SESSION_MIN = Duration.ofMinutes(5);
    static final Duration SESSION_MAX = Duration.ofHours(4);
    static final Duration PREFERRED_MIN = Duration.ofMinutes(5);
    static final Duration PREFERRED_MAX = Duration.ofDays(30);

    private ExpirationPolicy() {
    }

    /** How long a setPresence session lives: default PT5M, valid PT5M..PT4H inclusive. */
    public static Duration session(String expirationDuration) {
        if (expirationDuration == null) {
            return SESSION_DEFAULT;
        }
        return inRange(parse(expirationDuration), SESSION_MIN, SESSION_MAX);
    }

    /** How long a preferred presence lives: 1 day for DoNotDisturb and Busy, 7 days otherwise. */
    public static Duration preferred(String expirationDuration, Availability availability) {
        if (expirationDuration == null) {
            boolean demanding = availability == Availability.DoNotDisturb || availability == Availability.Busy;
            return demanding ? Duration.ofDays(1) : Duration.ofDays(7);
        }
        return inRange(parse(expirationDuration), PREFERRED_MIN, PREFERRED_MAX);
    }

    private static Duration parse(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidPresenceException("The provided [ExpirationDuration] '" + text
                    + "' is not an ISO 8601 duration.");
        }
    }

    private static Duration inRange(Duration duration, Duration min, Duration max) {
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new InvalidPresenceException("The provided [ExpirationDuration] is out of range.");
        }
        return duration;
    }
}
