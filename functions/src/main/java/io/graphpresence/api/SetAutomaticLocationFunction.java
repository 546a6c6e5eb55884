package io.graphpresence.api;

import io.graphpresence.presence.WorkLocation;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/** {@code POST /me/presence/setAutomaticLocation}: today's automatic work location, until midnight in the user's time zone. */
public class SetAutomaticLocationFunction extends WorkLocationFunction {

    public SetAutomaticLocationFunction() {
    }

    public SetAutomaticLocationFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void change(GraphRequest request, TenantUser user) {
        set(request, user, WorkLocation.Source.automatic);
    }
}
