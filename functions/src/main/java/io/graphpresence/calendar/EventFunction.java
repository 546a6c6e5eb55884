package io.graphpresence.calendar;

import io.graphpresence.access.CalendarPermissions;
import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphError;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.store.OtherTenantException;
import io.graphpresence.store.PresenceRepository;
import io.graphpresence.store.UserNotFoundException;
import io.micronaut.context.ApplicationContext;

import java.util.regex.Pattern;

/** What the event operations share: the repository, and the event the path names. */
abstract class EventFunction extends GraphFunction {

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    protected final PresenceRepository repository = bean(PresenceRepository.class);

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
        var user = repository.findUser(userId).orElseThrow(() -> new UserNotFoundException(userId));
        if (!user.user().tenantId().equals(caller.tenantId())) {
            throw new OtherTenantException(userId);
        }
        String eventId = request.pathParameter("eventId");
        if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
            throw GraphError.badRequest("Invalid event id '" + eventId + "'.");
        }
        return repository.findEvent(userId, eventId)
                .orElseThrow(() -> GraphError.notFound("The event '" + eventId + "' was not found."));
    }
}
