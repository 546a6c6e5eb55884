package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/** {@code POST .../presence/clearPresence}: ends the calling application's session; 404 when there is none. */
public class ClearPresenceFunction extends PresenceWriteFunction {

    public ClearPresenceFunction() {
    }

    public ClearPresenceFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void write(TenantUser target, GraphRequest request, Caller caller) {
        String sessionId = body(request).requiredString("sessionId", io.graphpresence.limits.InputLimits.MAX_ID);
        PresencePermissions.requireOwnSession(caller, sessionId);
        presence.removeSession(target, caller.appId(), clock.instant());
    }
}
