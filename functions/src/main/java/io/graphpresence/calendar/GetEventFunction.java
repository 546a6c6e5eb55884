package io.graphpresence.calendar;

import io.graphpresence.access.CalendarPermissions;
import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.micronaut.context.ApplicationContext;

/** {@code GET /me/events/{eventId}}, {@code /users/{id}/events/{eventId}}. */
public class GetEventFunction extends EventFunction {

    public GetEventFunction() {
    }

    public GetEventFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String userId = request.targetUser(caller);
        CalendarPermissions.requireRead(caller, userId);
        return GraphResponse.ok(EventJson.of(request, userId, existing(request, userId, caller)));
    }
}
