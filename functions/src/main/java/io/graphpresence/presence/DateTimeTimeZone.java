package io.graphpresence.presence;

import java.time.Instant;

/**
 * Graph's {@code dateTimeTimeZone}: a local date-time without offset and the zone it is in,
 * kept as the caller wrote them (for echoing back) with the instant they name.
 */
public record DateTimeTimeZone(String dateTime, String timeZone, Instant instant) {
}
