package io.graphpresence.presence;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Graph's supplemental presence values. */
public enum Activity {
    Available, Away, BeRightBack, Busy, DoNotDisturb, InACall, InAConferenceCall, Inactive, InAMeeting,
    Offline, OffWork, OutOfOffice, PresenceUnknown, Presenting, UrgentInterruptionsOnly;

    private static final Map<String, Activity> BY_LOWER_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(a -> a.name().toLowerCase(Locale.ROOT), Function.identity()));

    /** Graph reads enum values case-insensitively. */
    public static Activity parse(String text) {
        Activity value = text == null ? null : BY_LOWER_NAME.get(text.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw new InvalidPresenceException("'" + text + "' is not a known activity.");
        }
        return value;
    }
}
