package io.graphpresence.notify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two resource forms a presence subscription may watch (spec section 6):
 * {@code communications/presences/{id}} and
 * {@code communications/presences?$filter=id in ('a','b')} with at most 650 ids.
 */
public final class PresenceResource {

    public static final int MAX_IDS = 650;

    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern SINGLE = Pattern.compile("/?communications/presences/(" + GUID + ")");
    private static final Pattern FILTER = Pattern.compile(
            "/?communications/presences\\?\\$filter=id\\s+in\\s*\\((.*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED_ID = Pattern.compile("\\s*'(" + GUID + ")'\\s*");

    private PresenceResource() {
    }

    /** The watched user ids, lower case, without repeats. */
    public static List<String> userIds(String resource) {
        if (resource == null || resource.isBlank()) {
            throw new InvalidSubscriptionException("resource is required.");
        }
        String trimmed = resource.trim();
        Matcher single = SINGLE.matcher(trimmed);
        if (single.matches()) {
            return List.of(single.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher filter = FILTER.matcher(trimmed);
        if (!filter.matches()) {
            throw new InvalidSubscriptionException("Unsupported resource '" + resource + "': use "
                    + "communications/presences/{id} or communications/presences?$filter=id in ('id1','id2').");
        }
        return quotedIds(filter.group(1), resource);
    }

    private static List<String> quotedIds(String list, String resource) {
        Set<String> ids = new LinkedHashSet<>();
        for (String part : list.split(",", -1)) {
            Matcher id = QUOTED_ID.matcher(part);
            if (!id.matches()) {
                throw new InvalidSubscriptionException("Unsupported resource '" + resource
                        + "': every id in the filter must be a single-quoted GUID.");
            }
            ids.add(id.group(1).toLowerCase(Locale.ROOT));
        }
        if (ids.size() > MAX_IDS) {
            throw new InvalidSubscriptionException("A presence subscription watches at most " + MAX_IDS
                    + " users; the filter names " + ids.size() + ".");
        }
        return new ArrayList<>(ids);
    }
}
