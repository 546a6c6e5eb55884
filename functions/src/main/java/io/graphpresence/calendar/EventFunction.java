package io.graphpresence.calendar;

import io.graphpresence.access.CalendarPermissions;
import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphError;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.store.CalendarStore;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;


/** What the event operations share: the calendar store, and the event the path names. */
abstract class EventFunction extends GraphFunction {

    protected final CalendarStore calendar = bean(CalendarStore.class);

    protected EventFunction() {
    }

    protected EventFunction(ApplicationContext context) {
        super(context);
    }

    /** The user the path names, whose calendar the caller must be allowed to change. */
    protected static String writableUser(GraphRequest request, Caller caller) {
        String userId = request.targetUser(caller);
        CalendarPermissions.requireWrite(caller, userId);
        return userId;
    }

    /**
     * @throws OtherTenantException when the user is another tenant's (403), whatever the event
     * @throws GraphError           404 when the user has no such event
     */
    protected final CalendarEvent existing(GraphRequest request, String userId, Caller caller) {
        String eventId = request.pathParameter("eventId");
        if (!EventJson.isEventId(eventId)) {
            throw GraphError.badRequest("Invalid event id '" + eventId + "'.");
        }
        return calendar.findEvent(new TenantUser(caller.tenantId(), userId), eventId)
                .orElseThrow(() -> GraphError.notFound("The event '" + eventId + "' was not found."));
    }
}
