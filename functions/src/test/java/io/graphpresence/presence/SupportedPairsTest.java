package io.graphpresence.presence;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec section 3: the pairs setPresence and setUserPreferredPresence accept; section 1: enum spelling. */
class SupportedPairsTest {

    private static final Set<String> SESSION = Set.of("Available/Available", "Busy/InACall", "Busy/InAConferenceCall",
            "Away/Away", "DoNotDisturb/Presenting");
    private static final Set<String> PREFERRED = Set.of("Available/Available", "Busy/Busy",
            "DoNotDisturb/DoNotDisturb", "BeRightBack/BeRightBack", "Away/Away", "Offline/OffWork");

    /** Spec section 2: the values availability takes (9) and activity takes (15). */
    private static final List<String> AVAILABILITIES = List.of("Available", "AvailableIdle", "Away", "BeRightBack",
            "Busy", "BusyIdle", "DoNotDisturb", "Offline", "PresenceUnknown");
    private static final List<String> ACTIVITIES = List.of("Available", "Away", "BeRightBack", "Busy",
            "DoNotDisturb", "InACall", "InAConferenceCall", "Inactive", "InAMeeting", "Offline", "OffWork",
            "OutOfOffice", "PresenceUnknown", "Presenting", "UrgentInterruptionsOnly");

    private static PresencePair pair(String text) {
        String[] parts = text.split("/");
        return PresencePair.parse(parts[0], parts[1]);
    }

    @Test
    void theSupportedPairsAreExactlyTheSpecsTable() {
        assertEquals(SESSION, Set.copyOf(SupportedPairs.SESSION.stream().map(PresencePair::toString).toList()));
        assertEquals(PREFERRED, Set.copyOf(SupportedPairs.PREFERRED.stream().map(PresencePair::toString).toList()));
    }

    @Test
    void everySupportedPairIsAccepted() {
        SESSION.forEach(p -> assertEquals(pair(p), SupportedPairs.requireSession(pair(p)), p));
        PREFERRED.forEach(p -> assertEquals(pair(p), SupportedPairs.requirePreferred(pair(p)), p));
        assertEquals(pair("Busy/InACall"), SupportedPairs.requireSession(PresencePair.parse("busy", "INACALL")));
    }

    @Test
    void theEnumsHoldTheSpecsValues() {
        assertEquals(Set.copyOf(AVAILABILITIES), Set.copyOf(java.util.Arrays.stream(Availability.values()).map(Enum::name).toList()));
        assertEquals(Set.copyOf(ACTIVITIES), Set.copyOf(java.util.Arrays.stream(Activity.values()).map(Enum::name).toList()));
    }

    @Test
    void everyOtherPairIsRefusedWithTheSupportedList() {
        int refused = 0;
        for (String availability : AVAILABILITIES) {
            for (String activity : ACTIVITIES) {
                PresencePair p = PresencePair.parse(availability, activity);
                if (!SESSION.contains(p.toString())) {
                    assertRefusedListing(SESSION, () -> SupportedPairs.requireSession(p));
                    refused++;
                }
                if (!PREFERRED.contains(p.toString())) {
                    assertRefusedListing(PREFERRED, () -> SupportedPairs.requirePreferred(p));
                    refused++;
                }
            }
        }
        // every pair of section 2's values (9 × 15), less section 3's 5 session and 6 preferred pairs
        assertEquals(135 - 5 + 135 - 6, refused);
    }

    @Test
    void whatGraphIgnoresIsRefused() {
        assertRefusedListing(SESSION, () -> SupportedPairs.requireSession(pair("Busy/InAMeeting")));
        assertRefusedListing(SESSION, () -> SupportedPairs.requireSession(pair("Available/OutOfOffice")));
        assertRefusedListing(SESSION, () -> SupportedPairs.requireSession(pair("Offline/OffWork")));
        assertRefusedListing(PREFERRED, () -> SupportedPairs.requirePreferred(pair("Offline/Offline")));
        assertRefusedListing(PREFERRED, () -> SupportedPairs.requirePreferred(pair("DoNotDisturb/Presenting")));
    }

    private static void assertRefusedListing(Set<String> supported, org.junit.jupiter.api.function.Executable call) {
        String message = assertThrows(InvalidPresenceException.class, call).getMessage();
        supported.forEach(p -> assertTrue(message.contains(p), message + " does not list " + p));
    }

    @Test
    void enumsParseInAnyCase() {
        assertEquals(Availability.DoNotDisturb, Availability.parse("dONOTdisturb"));
        assertEquals(Activity.InAConferenceCall, Activity.parse("INACONFERENCECALL"));
        for (Availability a : Availability.values()) {
            assertEquals(a, Availability.parse(a.name().toLowerCase(Locale.ROOT)));
            assertEquals(a, Availability.parse(a.name().toUpperCase(Locale.ROOT)));
        }
        for (Activity a : Activity.values()) {
            assertEquals(a, Activity.parse(a.name().toLowerCase(Locale.ROOT)));
            assertEquals(a, Activity.parse(a.name().toUpperCase(Locale.ROOT)));
        }
    }

    @Test
    void unknownEnumValuesAreRefused() {
        for (String unknown : List.of("Sleepy", "", "Available ", "AvailableInactive")) {
            assertThrows(InvalidPresenceException.class, () -> Availability.parse(unknown), unknown);
            assertThrows(InvalidPresenceException.class, () -> Activity.parse(unknown), unknown);
        }
        assertThrows(InvalidPresenceException.class, () -> Availability.parse(null));
        assertThrows(InvalidPresenceException.class, () -> Activity.parse(null));
        assertThrows(InvalidPresenceException.class, () -> PresencePair.parse("Busy", "Napping"));
    }
}
