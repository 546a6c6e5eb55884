package io.graphpresence.calendar;

import io.graphpresence.api.DateTimeJson;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.JsonBody;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.presence.DateTimeTimeZone;
import io.graphpresence.presence.ShowAs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Graph's event resource, the subset spec section 5 keeps: subject, start, end, showAs,
 * isCancelled, isAllDay. Other properties are accepted and ignored.
 */
final class EventJson {

    /** Ids this service gives, and those a calendar system may send over the bus. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private EventJson() {
    }

    static boolean isEventId(String id) {
        return id != null && EVENT_ID.matcher(id).matches();
    }

    static CalendarEvent created(JsonBody body, String id, Instant now) {
        return new CalendarEvent(id, subject(body),
                required(DateTimeJson.parse(body.optionalObject("start"), "start"), "start"),
                required(DateTimeJson.parse(body.optionalObject("end"), "end"), "end"),
                showAs(body), Boolean.TRUE.equals(body.optionalBoolean("isCancelled")),
                Boolean.TRUE.equals(body.optionalBoolean("isAllDay")), now);
    }

    /** A PATCH: what the body names replaces what was stored. */
    static CalendarEvent patched(CalendarEvent old, JsonBody body, Instant now) {
        String subject = subject(body);
        DateTimeTimeZone start = DateTimeJson.parse(body.optionalObject("start"), "start");
        DateTimeTimeZone end = DateTimeJson.parse(body.optionalObject("end"), "end");
        ShowAs showAs = body.optionalString("showAs") == null ? old.showAs() : showAs(body);
        Boolean cancelled = body.optionalBoolean("isCancelled");
        Boolean allDay = body.optionalBoolean("isAllDay");
        return new CalendarEvent(old.id(), subject == null ? old.subject() : subject,
                start == null ? old.start() : start, end == null ? old.end() : end, showAs,
                cancelled == null ? old.isCancelled() : cancelled, allDay == null ? old.isAllDay() : allDay, now);
    }

    static Map<String, Object> of(GraphRequest request, String userId, CalendarEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", request.serviceRoot() + "/$metadata#users('" + userId + "')/events/$entity");
        json.put("id", event.id());
        json.put("subject", event.subject());
        json.put("start", DateTimeJson.of(event.start()));
        json.put("end", DateTimeJson.of(event.end()));
        json.put("showAs", event.showAs().name());
        json.put("isCancelled", event.isCancelled());
        json.put("isAllDay", event.isAllDay());
        json.put("lastModifiedDateTime", DateTimeJson.instant(event.lastModified()));
        return json;
    }

    private static String subject(JsonBody body) {
        return body.optionalString("subject", io.graphpresence.limits.InputLimits.MAX_SUBJECT);
    }

    private static ShowAs showAs(JsonBody body) {
        String showAs = body.optionalString("showAs");
        return showAs == null ? ShowAs.busy : ShowAs.parse(showAs);
    }

    private static DateTimeTimeZone required(DateTimeTimeZone value, String name) {
        if (value == null) {
            throw io.graphpresence.api.GraphError.badRequest("The property '" + name + "' is required.");
        }
        return value;
    }
}
