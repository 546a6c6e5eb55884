package io.graphpresence.api;

import io.graphpresence.presence.DateTimeTimeZone;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Graph's {@code dateTimeTimeZone}: a local date-time and a Windows or IANA zone name; and
 * Graph's moments in UTC ({@code lastModifiedDateTime}).
 */
public final class DateTimeJson {

    private DateTimeJson() {
    }

    /** @return null when the property was absent */
    public static DateTimeTimeZone parse(JsonBody value, String what) {
        return value == null ? null
                : DateTimeTimeZone.parse(value.requiredString("dateTime"), value.optionalString("timeZone"), what);
    }

    public static Map<String, Object> of(DateTimeTimeZone value) {
        return value == null ? null : Map.of("dateTime", value.dateTime(), "timeZone", value.timeZone());
    }

    public static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
