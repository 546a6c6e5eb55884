package io.graphpresence.presence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Validates a setStatusMessage request into what is stored (spec section 2). */
public final class StatusMessages {

    /** Graph writes dateTime with seven fractional digits and no offset. */
    private static final DateTimeFormatter GRAPH_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");

    private StatusMessages() {
    }

    /**
     * @return the message to store, or null when the content is empty (which clears it)
     */
    public static StatusMessage create(String content, String contentType, String expiryDateTime,
                                       String expiryTimeZone, Instant now) {
        String type = contentType == null ? "text" : contentType.toLowerCase(Locale.ROOT);
        if (!type.equals("text")) {
            throw new InvalidPresenceException("The only supported message contentType is 'text'.");
        }
        if (content == null || content.isEmpty()) {
            return null;
        }
        DateTimeTimeZone expiry = expiryDateTime == null ? null : expiry(expiryDateTime, expiryTimeZone);
        return new StatusMessage(content, type, expiry, now);
    }

    private static DateTimeTimeZone expiry(String dateTime, String timeZone) {
        ZoneId zone = TimeZones.resolve(timeZone == null ? "UTC" : timeZone);
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(dateTime);
        } catch (DateTimeParseException e) {
            throw new InvalidPresenceException("expiryDateTime.dateTime '" + dateTime
                    + "' is not a date-time without offset, such as 2026-11-23T17:00:00.0000000.");
        }
        Instant instant = local.atZone(zone).toInstant();
        return new DateTimeTimeZone(GRAPH_DATE_TIME.format(local), timeZone == null ? "UTC" : timeZone, instant);
    }
}
