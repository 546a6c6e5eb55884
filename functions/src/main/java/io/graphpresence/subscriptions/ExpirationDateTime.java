package io.graphpresence.subscriptions;

import io.graphpresence.notify.InvalidSubscriptionException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** {@code expirationDateTime} as Graph clients send it: ISO 8601 with an offset, or UTC without one. */
final class ExpirationDateTime {

    private ExpirationDateTime() {
    }

    static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidSubscriptionException("expirationDateTime '" + text
                        + "' is not an ISO 8601 date and time such as 2026-11-23T10:00:00Z.");
            }
        }
    }
}
