package io.graphpresence.calendar;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;

/** {@code DELETE /me/events/{eventId}}, {@code /users/{id}/events/{eventId}}: 204. */
public class DeleteEventFunction extends EventFunction {

    public DeleteEventFunction() {
    }

    public DeleteEventFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String userId = writableUser(request, caller);
        Instant now = clock.instant();
        String eventId = existing(request, userId, caller).id();
        calendar.deleteEvent(new TenantUser(caller.tenantId(), userId), eventId, now, now);
        return new GraphResponse(204, null);
    }
}
