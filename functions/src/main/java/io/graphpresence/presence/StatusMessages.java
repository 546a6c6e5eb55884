package io.graphpresence.presence;

import java.time.Instant;
import java.util.Locale;

/** Validates a setStatusMessage request into what is stored (spec section 2). */
public final class StatusMessages {

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
        DateTimeTimeZone expiry = expiryDateTime == null ? null
                : DateTimeTimeZone.parse(expiryDateTime, expiryTimeZone, "expiryDateTime");
        return new StatusMessage(content, type, expiry, now);
    }
}
