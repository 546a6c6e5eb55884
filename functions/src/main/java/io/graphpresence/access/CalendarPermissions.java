package io.graphpresence.access;

import java.util.Set;

/** Calendar events: {@code Calendars.ReadWrite} (reading also {@code Calendars.Read}), own or (application) the tenant's. */
public final class CalendarPermissions {

    private static final Set<String> READ = Set.of("Calendars.Read", "Calendars.ReadWrite");
    private static final Set<String> WRITE = Set.of("Calendars.ReadWrite");

    private CalendarPermissions() {
    }

    public static void requireRead(Caller caller, String userId) {
        UserResourcePermissions.require(caller, userId, READ, "Reading calendar events", "calendar");
    }

    public static void requireWrite(Caller caller, String userId) {
        UserResourcePermissions.require(caller, userId, WRITE, "Changing calendar events", "calendar");
    }
}
