package io.graphpresence.calendar;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** {@code POST /me/events}, {@code /users/{id}/events}: 201 with the event and the id the server gave it. */
public class CreateEventFunction extends EventFunction {

    public CreateEventFunction() {
    }

    public CreateEventFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String userId = writableUser(request, caller);
        Instant now = clock.instant();
        CalendarEvent event = EventJson.created(body(request), newId(), now);
        calendar.putEvent(new TenantUser(caller.tenantId(), userId), event, now);
        return new GraphResponse(201, EventJson.of(request, userId, event));
    }

    /** URL-safe, like Graph's ids are opaque strings. */
    private static String newId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
