package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/** {@code POST .../presence/clearUserPreferredPresence}: 200 also when nothing was set. */
public class ClearUserPreferredPresenceFunction extends PresenceWriteFunction {

    public ClearUserPreferredPresenceFunction() {
    }

    public ClearUserPreferredPresenceFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void write(TenantUser target, GraphRequest request, Caller caller) {
        // Graph takes {} or no body at all; anything else must still be JSON (checked for every route)
        presence.removePreferred(target, clock.instant());
    }
}
