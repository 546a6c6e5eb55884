package io.graphpresence.presence;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Spec section 3, timing: expirationDuration of sessions and of the preferred presence. */
class ExpirationPolicyTest {

    private static final String OUT_OF_RANGE = "The provided [ExpirationDuration] is out of range.";

    @Test
    void aSessionLivesFiveMinutesByDefault() {
        assertEquals(Duration.ofMinutes(5), ExpirationPolicy.session(null));
    }

    @Test
    void sessionDurationsFromFiveMinutesToFourHoursInclusiveAreAccepted() {
        assertEquals(Duration.ofMinutes(5), ExpirationPolicy.session("PT5M"));
        assertEquals(Duration.ofMinutes(90), ExpirationPolicy.session("PT1H30M"));
        assertEquals(Duration.ofHours(4), ExpirationPolicy.session("PT4H"));
    }

    @Test
    void sessionDurationsOutsideTheRangeAreRefusedWithGraphsMessage() {
        for (String outside : List.of("PT4M59S", "PT4H1S", "PT0S", "-PT5M", "P1D")) {
            InvalidPresenceException e = assertThrows(InvalidPresenceException.class,
                    () -> ExpirationPolicy.session(outside), outside);
            assertEquals(OUT_OF_RANGE, e.getMessage(), outside);
        }
    }

    @Test
    void durationsThatAreNotIso8601AreRefused() {
        for (String garbage : List.of("five minutes", "", "5", "PT5", "00:05:00")) {
            assertThrows(InvalidPresenceException.class, () -> ExpirationPolicy.session(garbage), garbage);
            assertThrows(InvalidPresenceException.class,
                    () -> ExpirationPolicy.preferred(garbage, Availability.Available), garbage);
        }
    }

    @Test
    void aPreferredPresenceLastsOneDayWhenBusyOrDoNotDisturbAndSevenOtherwise() {
        assertEquals(Duration.ofDays(1), ExpirationPolicy.preferred(null, Availability.Busy));
        assertEquals(Duration.ofDays(1), ExpirationPolicy.preferred(null, Availability.DoNotDisturb));
        for (Availability other : List.of(Availability.Available, Availability.BeRightBack, Availability.Away,
                Availability.Offline)) {
            assertEquals(Duration.ofDays(7), ExpirationPolicy.preferred(null, other), other.name());
        }
    }

    @Test
    void preferredDurationsFromFiveMinutesToThirtyDaysInclusiveAreAccepted() {
        assertEquals(Duration.ofMinutes(5), ExpirationPolicy.preferred("PT5M", Availability.Busy));
        assertEquals(Duration.ofDays(30), ExpirationPolicy.preferred("P30D", Availability.Away));
        assertEquals(Duration.ofHours(8), ExpirationPolicy.preferred("PT8H", Availability.DoNotDisturb));
        for (String outside : List.of("PT4M59S", "P30DT1S", "-P1D")) {
            assertThrows(InvalidPresenceException.class, () -> ExpirationPolicy.preferred(outside, Availability.Away),
                    outside);
        }
    }
}
