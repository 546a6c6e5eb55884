package io.graphpresence.api;

import io.graphpresence.access.AccessDeniedException;
import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.presence.InvalidPresenceException;
import io.graphpresence.presence.WorkLocation;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/**
 * The work location actions on {@code /me/presence}, {@code /users/{id}/presence} and
 * {@code /communications/presences/{id}} (spec section 5): for the signed-in user only, with
 * the delegated {@code Presence.ReadWrite} permission; another user's id and application
 * tokens are refused as Graph refuses them.
 */
abstract class WorkLocationFunction extends GraphFunction {

    protected final PresenceStore presence = bean(PresenceStore.class);

    protected WorkLocationFunction() {
    }

    protected WorkLocationFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected final GraphResponse handle(GraphRequest request, Caller caller) {
        if (!caller.isDelegated()) {
            throw new AccessDeniedException("Work location actions need a delegated token (Presence.ReadWrite); "
                    + "application permissions are not supported.");
        }
        String userId = request.targetUser(caller);
        PresencePermissions.requireWrite(caller, userId);
        change(request, new TenantUser(caller.tenantId(), userId));
        return GraphResponse.OK_NO_BODY;
    }

    protected abstract void change(GraphRequest request, TenantUser user);

    /** {@code workLocationType} (office, remote, timeOff) and an optional {@code placeId}. */
    protected final void set(GraphRequest request, TenantUser user, WorkLocation.Source source) {
        JsonBody body = body(request);
        WorkLocation.Type type = WorkLocation.Type.parse(body.requiredString("workLocationType"));
        if (type == WorkLocation.Type.unspecified) {
            throw new InvalidPresenceException("workLocationType must be office, remote or timeOff.");
        }
        presence.putWorkLocation(user, source, type, body.optionalString("placeId", io.graphpresence.limits.InputLimits.MAX_PLACE_ID), clock.instant());
    }
}
