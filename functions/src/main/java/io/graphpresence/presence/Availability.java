package io.graphpresence.presence;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Graph's base presence values. */
public enum Availability {
    Available, AvailableIdle, Away, BeRightBack, Busy, BusyIdle, DoNotDisturb, Offline, PresenceUnknown;

    private static final Map<String, Availability> BY_LOWER_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(a -> a.name().toLowerCase(Locale.ROOT), Function.identity()));

    /** Graph reads enum values case-insensitively. */
    public static Availability parse(String text) {
        Availability value = text == null ? null : BY_LOWER_NAME.get(text.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw new InvalidPresenceException("'" + text + "' is not a known availability.");
        }
        return value;
    }

    /**
     * Higher wins when sessions are aggregated (spec section 3). Values a session cannot
     * carry rank lowest.
     */
    int rank() {
        return switch (this) {
            case DoNotDisturb -> 6;
            case Busy -> 5;
            case Available -> 4;
            case AvailableIdle -> 3;
            case BeRightBack -> 2;
            case Away -> 1;
            default -> 0;
        };
    }
}
