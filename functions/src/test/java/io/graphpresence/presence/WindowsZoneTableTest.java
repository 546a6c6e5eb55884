package io.graphpresence.presence;

import com.ibm.icu.util.TimeZone;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shipped Windows zone table is exactly CLDR's, as ICU4J carries it. */
class WindowsZoneTableTest {

    @Test
    void theTableMatchesIcu() throws Exception {
        Map<String, String> fromIcu = new TreeMap<>();
        for (String id : TimeZone.getAvailableIDs()) {
            String windows = TimeZone.getWindowsID(id);
            if (windows != null) {
                fromIcu.put(windows, TimeZone.getIDForWindowsID(windows, null));
            }
        }
        Properties shipped = new Properties();
        try (InputStream in = TimeZones.class.getResourceAsStream("/windows-zones.properties")) {
            shipped.load(in);
        }
        Map<String, String> table = new TreeMap<>();
        shipped.forEach((k, v) -> table.put((String) k, (String) v));
        assertEquals(fromIcu, table, "regenerate windows-zones.properties from ICU4J: each Windows id of "
                + "TimeZone.getWindowsID(id) mapped to TimeZone.getIDForWindowsID(windowsId, null)");
    }
}
