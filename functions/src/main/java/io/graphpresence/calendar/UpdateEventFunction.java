package io.graphpresence.calendar;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;

/** {@code PATCH /me/events/{eventId}}, {@code /users/{id}/events/{eventId}}: 200 with the event as it now is. */
public class UpdateEventFunction extends EventFunction {

    public UpdateEventFunction() {
    }

    public UpdateEventFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String userId = writableUser(request, caller);
        Instant now = clock.instant();
        CalendarEvent event = EventJson.patched(existing(request, userId, caller), body(request), now);
        calendar.putEvent(new TenantUser(caller.tenantId(), userId), event, now);
        return GraphResponse.ok(EventJson.of(request, userId, event));
    }
}
