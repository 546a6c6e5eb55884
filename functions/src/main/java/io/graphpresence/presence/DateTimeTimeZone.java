package io.graphpresence.presence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Graph's {@code dateTimeTimeZone}: a local date-time without offset and the zone it is in,
 * kept as the caller wrote them (for echoing back) with the instant they name.
 */
public record DateTimeTimeZone(String dateTime, String timeZone, Instant instant) {

    /** Graph writes dateTime with seven fractional digits and no offset. */
    private static final DateTimeFormatter GRAPH_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");

    /** An instant as Graph writes it in UTC. */
    public static DateTimeTimeZone utc(Instant instant) {
        return new DateTimeTimeZone(GRAPH_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC)), "UTC", instant);
    }

    /** @param timeZone a Windows or IANA zone name; null means UTC */
    public static DateTimeTimeZone parse(String dateTime, String timeZone, String what) {
        String zone = timeZone == null ? "UTC" : timeZone;
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(dateTime);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidPresenceException(what + ".dateTime '" + dateTime
                    + "' is not a date-time without offset, such as 2026-11-23T17:00:00.0000000.");
        }
        return new DateTimeTimeZone(GRAPH_DATE_TIME.format(local), zone,
                local.atZone(TimeZones.resolve(zone)).toInstant());
    }
}
