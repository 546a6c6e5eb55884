package io.graphpresence.presence;

import java.time.Instant;

/**
 * A user's status message. Without an expiry it never expires.
 *
 * @param expiry null when the message never expires
 */
public record StatusMessage(String content, String contentType, DateTimeTimeZone expiry, Instant publishedAt) {

    public boolean isLiveAt(Instant t) {
        return expiry == null || t.isBefore(expiry.instant());
    }
}
