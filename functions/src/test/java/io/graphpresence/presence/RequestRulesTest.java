package io.graphpresence.presence;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What requests may say: pairs, durations, enum spelling, status messages, time zones. */
class RequestRulesTest {

    @Test
    void everySupportedPairPassesAndOthersAreRefusedWithTheList() {
        SupportedPairs.SESSION.forEach(pair -> assertEquals(pair, SupportedPairs.requireSession(pair)));
        SupportedPairs.PREFERRED.forEach(pair -> assertEquals(pair, SupportedPairs.requirePreferred(pair)));
        InvalidPresenceException refused = assertThrows(InvalidPresenceException.class,
                () -> SupportedPairs.requireSession(PresencePair.parse("Busy", "InAMeeting")));
        assertTrue(refused.getMessage().contains("Busy/InACall"), refused.getMessage());
        assertThrows(InvalidPresenceException.class,
                () -> SupportedPairs.requirePreferred(PresencePair.parse("Offline", "Offline")));
    }

    @Test
    void enumsParseInAnyCase() {
        assertEquals(Availability.DoNotDisturb, Availability.parse("dONOTdisturb"));
        assertEquals(Activity.InAConferenceCall, Activity.parse("inaconferencecall"));
        assertThrows(InvalidPresenceException.class, () -> Availability.parse("Sleepy"));
        assertThrows(InvalidPresenceException.class, () -> Activity.parse(null));
    }

    @Test
    void sessionDurationsDefaultToFiveMinutesWithinFiveMinutesToFourHours() {
        assertEquals(Duration.ofMinutes(5), ExpirationPolicy.session(null));
        assertEquals(Duration.ofMinutes(5), ExpirationPolicy.session("PT5M"));
        assertEquals(Duration.ofHours(4), ExpirationPolicy.session("PT4H"));
        for (String outside : new String[] {"PT4M59S", "PT4H1S"}) {
            assertEquals("The provided [ExpirationDuration] is out of range.",
                    assertThrows(InvalidPresenceException.class, () -> ExpirationPolicy.session(outside)).getMessage());
        }
        assertThrows(InvalidPresenceException.class, () -> ExpirationPolicy.session("five minutes"));
    }

    @Test
    void preferredDurationsDefaultByAvailabilityWithinFiveMinutesToThirtyDays() {
        assertEquals(Duration.ofDays(1), ExpirationPolicy.preferred(null, Availability.Busy));
        assertEquals(Duration.ofDays(1), ExpirationPolicy.preferred(null, Availability.DoNotDisturb));
        assertEquals(Duration.ofDays(7), ExpirationPolicy.preferred(null, Availability.Away));
        assertEquals(Duration.ofDays(30), ExpirationPolicy.preferred("P30D", Availability.Away));
        assertThrows(InvalidPresenceException.class, () -> ExpirationPolicy.preferred("P31D", Availability.Away));
        assertThrows(InvalidPresenceException.class, () -> ExpirationPolicy.preferred("PT4M", Availability.Away));
    }

    @Test
    void windowsAndIanaZoneNamesBothResolve() {
        assertEquals(ZoneId.of("America/Los_Angeles"), TimeZones.resolve("Pacific Standard Time"));
        assertEquals(ZoneId.of("America/Los_Angeles"), TimeZones.resolve("America/Los_Angeles"));
        assertEquals(ZoneId.of("Asia/Tokyo"), TimeZones.resolve("tokyo standard time"));
        assertEquals(java.time.ZoneOffset.UTC, TimeZones.resolve("UTC").normalized());
        assertThrows(InvalidPresenceException.class, () -> TimeZones.resolve("Mars Standard Time"));
    }

    @Test
    void aStatusMessageExpiryIsTheInstantItNamesInItsZone() {
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        StatusMessage message = StatusMessages.create("Away", "Text", "2026-11-23T18:00:00", "Tokyo Standard Time", now);
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), message.expiry().instant());
        assertEquals("2026-11-23T18:00:00.0000000", message.expiry().dateTime());
        assertEquals("text", message.contentType());
        assertNull(StatusMessages.create("", "text", null, null, now), "an empty content clears the message");
        assertThrows(InvalidPresenceException.class, () -> StatusMessages.create("x", "html", null, null, now));
    }
}
