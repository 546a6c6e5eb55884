package io.graphpresence.presence;

import com.ibm.icu.util.TimeZone;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped windows-zones.properties is exactly what ICU4J (CLDR) says, both ways. */
class WindowsZonesTest {

    private static final String REGENERATE = "; regenerate functions/src/main/resources/windows-zones.properties "
            + "from ICU4J: for every id of com.ibm.icu.util.TimeZone.getAvailableIDs() whose "
            + "TimeZone.getWindowsID(id) is non-null, one line <windowsId>=TimeZone.getIDForWindowsID(windowsId, null)";

    private static Map<String, String> fromIcu() {
        Map<String, String> table = new TreeMap<>();
        for (String id : TimeZone.getAvailableIDs()) {
            String windows = TimeZone.getWindowsID(id);
            if (windows != null) {
                table.put(windows, TimeZone.getIDForWindowsID(windows, null));
            }
        }
        return table;
    }

    private static Map<String, String> shipped() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = WindowsZonesTest.class.getResourceAsStream("/windows-zones.properties")) {
            assertNotNull(in, "/windows-zones.properties is not on the classpath");
            properties.load(in);
        }
        Map<String, String> table = new TreeMap<>();
        properties.forEach((k, v) -> table.put((String) k, (String) v));
        return table;
    }

    @Test
    void noWindowsZoneIsMissingOrMapsElsewhere() throws Exception {
        Map<String, String> shipped = shipped();
        Map<String, String> wrong = new TreeMap<>(fromIcu());
        wrong.entrySet().removeIf(e -> e.getValue().equals(shipped.get(e.getKey())));
        assertTrue(wrong.isEmpty(), "missing or different in the table: " + wrong + REGENERATE);
    }

    @Test
    void theTableHasNothingIcuDoesNotKnow() throws Exception {
        Map<String, String> icu = fromIcu();
        Map<String, String> extra = new TreeMap<>(shipped());
        extra.keySet().removeAll(icu.keySet());
        assertTrue(extra.isEmpty(), "not a Windows zone in ICU4J: " + extra + REGENERATE);
        assertEquals(icu.size(), shipped().size(), REGENERATE);
    }

    @Test
    void everyWindowsZoneResolvesInJavaTime() throws Exception {
        Map<String, String> unresolved = new TreeMap<>();
        shipped().forEach((windows, iana) -> {
            try {
                TimeZones.resolve(windows);
            } catch (InvalidPresenceException e) {
                unresolved.put(windows, iana);
            }
        });
        assertTrue(unresolved.isEmpty(), "java.time does not know: " + unresolved);
    }
}
