package io.graphpresence.api;

import io.graphpresence.presence.PresencePair;
import io.graphpresence.presence.PresenceView;
import io.graphpresence.presence.StatusMessage;
import io.graphpresence.presence.WorkLocation;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Graph's presence resource JSON (spec section 2). */
public final class PresenceJson {

    private PresenceJson() {
    }

    /**
     * @param view        null when the reader may not see this user: PresenceUnknown, and nothing else
     * @param readerIsOwner whether the reader is the user, who alone sees a message's dates
     * @param sameTenant    whether the reader is of the user's tenant, who sees the internal
     *                      out-of-office message rather than the external one
     */
    public static Map<String, Object> presence(String userId, PresenceView view, boolean readerIsOwner,
                                               boolean sameTenant, Set<String> select) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", userId);
        PresencePair pair = view == null ? PresencePair.UNKNOWN : view.pair();
        putSelected(json, select, "availability", pair.availability().name());
        putSelected(json, select, "activity", pair.activity().name());
        if (view == null) {
            return json;
        }
        putSelected(json, select, "sequenceNumber", view.sequenceNumber());
        putSelected(json, select, "statusMessage", statusMessage(view.statusMessage(), readerIsOwner));
        Map<String, Object> outOfOffice = new LinkedHashMap<>();
        outOfOffice.put("isOutOfOffice", view.outOfOffice() != null);
        outOfOffice.put("message", view.outOfOffice() == null ? null : view.outOfOffice().messageFor(sameTenant));
        putSelected(json, select, "outOfOfficeSettings", outOfOffice);
        putSelected(json, select, "workLocation", workLocation(view.workLocation()));
        return json;
    }

    /** Where the user works today; with neither a manual nor an automatic location, unspecified. */
    private static Map<String, Object> workLocation(WorkLocation location) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workLocationType", location == null ? "unspecified" : location.type().name());
        json.put("source", location == null ? "none" : location.source().name());
        json.put("placeId", location == null ? null : location.placeId());
        return json;
    }

    /** The @odata.context of a single presence, as Graph builds it for each path form. */
    public static String singleContext(GraphRequest request, String userId, Set<String> select) {
        String selected = select == null ? "" : "(" + String.join(",", select) + ")";
        if (request.isCommunicationsPath()) {
            return request.serviceRoot() + "/$metadata#communications/presences" + selected + "/$entity";
        }
        return request.serviceRoot() + "/$metadata#users('" + userId + "')/presence" + selected + "/$entity";
    }

    /** {@code $select=a,b}: the named properties (plus id), or null for all of them. */
    public static Set<String> select(GraphRequest request) {
        String select = request.query("$select");
        if (select == null || select.isBlank()) {
            return null;
        }
        return Arrays.stream(select.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static Map<String, Object> statusMessage(StatusMessage message, boolean readerIsOwner) {
        if (message == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", message.content());
        body.put("contentType", message.contentType());
        json.put("message", body);
        if (readerIsOwner) {
            if (message.expiry() != null) {
                json.put("expiryDateTime", Map.of("dateTime", message.expiry().dateTime(),
                        "timeZone", message.expiry().timeZone()));
            }
            json.put("publishedDateTime", DateTimeFormatter.ISO_INSTANT.format(message.publishedAt()));
        }
        return json;
    }

    private static void putSelected(Map<String, Object> json, Set<String> select, String name, Object value) {
        if (select == null || select.stream().anyMatch(name::equalsIgnoreCase)) {
            json.put(name, value);
        }
    }
}
