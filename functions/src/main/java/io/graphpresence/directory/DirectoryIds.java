package io.graphpresence.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/** Tenant and user ids are GUIDs, kept in lower case. */
public final class DirectoryIds {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private DirectoryIds() {
    }

    /** The id in the form the directory keeps, or null when it is not a GUID. */
    public static String normalized(String id) {
        return id != null && GUID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : null;
    }
}
