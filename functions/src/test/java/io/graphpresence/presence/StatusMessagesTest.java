package io.graphpresence.presence;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Spec section 2: what setStatusMessage stores. */
class StatusMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

    private static StatusMessage expiringAt(String dateTime, String timeZone) {
        return StatusMessages.create("Lunch", "text", dateTime, timeZone, NOW);
    }

    @Test
    void anExpiryInTokyoStandardTimeIsTheInstantItNames() {
        StatusMessage message = expiringAt("2026-11-23T18:00:00", "Tokyo Standard Time");
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), message.expiry().instant());
        assertEquals("Tokyo Standard Time", message.expiry().timeZone());
        assertEquals("Lunch", message.content());
        assertEquals(NOW, message.publishedAt());
    }

    @Test
    void aWindowsZoneFollowsDaylightSavingTime() {
        assertEquals(Instant.parse("2026-07-01T17:00:00Z"),
                expiringAt("2026-07-01T10:00:00", "Pacific Standard Time").expiry().instant());
        assertEquals(Instant.parse("2026-12-01T18:00:00Z"),
                expiringAt("2026-12-01T10:00:00", "Pacific Standard Time").expiry().instant());
    }

    @Test
    void withoutAnExpiryItNeverExpires() {
        StatusMessage message = StatusMessages.create("Hi", "text", null, null, NOW);
        assertNull(message.expiry());
        assertEquals(true, message.isLiveAt(NOW.plusSeconds(10L * 365 * 24 * 3600)));
    }

    @Test
    void anEmptyContentClearsTheMessage() {
        assertNull(StatusMessages.create("", "text", null, null, NOW));
        assertNull(StatusMessages.create("", "text", "2026-11-23T18:00:00", "UTC", NOW));
    }

    @Test
    void onlyTextContentIsAccepted() {
        assertEquals("text", StatusMessages.create("Hi", "Text", null, null, NOW).contentType());
        assertThrows(InvalidPresenceException.class, () -> StatusMessages.create("Hi", "html", null, null, NOW));
        assertThrows(InvalidPresenceException.class, () -> StatusMessages.create("Hi", "markdown", null, null, NOW));
    }

    @Test
    void dateTimeIsWrittenWithSevenFractionalDigits() {
        assertEquals("2026-11-23T18:00:00.0000000", expiringAt("2026-11-23T18:00", "UTC").expiry().dateTime());
        assertEquals("2026-11-23T18:00:00.5000000", expiringAt("2026-11-23T18:00:00.5", "UTC").expiry().dateTime());
        assertEquals("2026-11-23T18:00:00.1234567",
                expiringAt("2026-11-23T18:00:00.1234567", "UTC").expiry().dateTime());
    }

    @Test
    void aBadDateTimeOrZoneIsRefused() {
        assertThrows(InvalidPresenceException.class, () -> expiringAt("tomorrow", "UTC"));
        assertThrows(InvalidPresenceException.class, () -> expiringAt("2026-11-23T18:00:00Z", "UTC"));
        assertThrows(InvalidPresenceException.class, () -> expiringAt("2026-11-23T18:00:00", "Mars Standard Time"));
    }
}
