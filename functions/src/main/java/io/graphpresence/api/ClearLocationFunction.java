package io.graphpresence.api;

import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/** {@code POST /me/presence/clearLocation}: both the manual and the automatic location, as Graph clears them. */
public class ClearLocationFunction extends WorkLocationFunction {

    public ClearLocationFunction() {
    }

    public ClearLocationFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void change(GraphRequest request, TenantUser user) {
        presence.removeWorkLocation(user, null, clock.instant());
    }
}
