package io.graphpresence.presence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Graph names time zones the Windows way ("Pacific Standard Time") or the IANA way
 * ("America/Los_Angeles"); both resolve here. The Windows table is CLDR's, shipped as a
 * small resource rather than a 15 MB ICU jar in every function.
 */
public final class TimeZones {

    private static final Map<String, String> WINDOWS_TO_IANA = load();

    private TimeZones() {
    }

    public static ZoneId resolve(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidPresenceException("A time zone is required.");
        }
        String iana = WINDOWS_TO_IANA.get(name.trim());
        try {
            return ZoneId.of(iana != null ? iana : name.trim());
        } catch (DateTimeException e) {
            throw new InvalidPresenceException("'" + name + "' is not a known Windows or IANA time zone.");
        }
    }

    private static Map<String, String> load() {
        Properties table = new Properties();
        try (InputStream in = TimeZones.class.getResourceAsStream("/windows-zones.properties")) {
            table.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Windows zone names are matched without regard to case, as Exchange does.
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        table.forEach((k, v) -> byName.put((String) k, (String) v));
        return byName;
    }
}
