package io.graphpresence.presence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Spec section 2: a timeZone is a Windows or an IANA zone name. */
class TimeZonesTest {

    @Test
    void windowsAndIanaNamesOfTheSameZoneResolveAlike() {
        assertEquals(ZoneId.of("America/Los_Angeles"), TimeZones.resolve("Pacific Standard Time"));
        assertEquals(ZoneId.of("America/Los_Angeles"), TimeZones.resolve("America/Los_Angeles"));
    }

    @Test
    void tokyoStandardTimeIsAsiaTokyo() {
        assertEquals(ZoneId.of("Asia/Tokyo"), TimeZones.resolve("Tokyo Standard Time"));
    }

    @Test
    void utcIsUtc() {
        ZoneId utc = TimeZones.resolve("UTC");
        assertEquals(ZoneOffset.UTC, utc.getRules().getOffset(Instant.parse("2026-07-01T12:00:00Z")));
        assertEquals(ZoneOffset.UTC, utc.getRules().getOffset(Instant.parse("2026-01-01T12:00:00Z")));
    }

    @Test
    void anUnknownNameIsRefused() {
        assertThrows(InvalidPresenceException.class, () -> TimeZones.resolve("Mars Standard Time"));
        assertThrows(InvalidPresenceException.class, () -> TimeZones.resolve("Europe/Atlantis"));
        assertThrows(InvalidPresenceException.class, () -> TimeZones.resolve(""));
        assertThrows(InvalidPresenceException.class, () -> TimeZones.resolve(null));
    }
}
