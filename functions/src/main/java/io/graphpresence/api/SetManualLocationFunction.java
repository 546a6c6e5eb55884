package io.graphpresence.api;

import io.graphpresence.presence.WorkLocation;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/** {@code POST /me/presence/setManualLocation}: today's manual work location, until midnight in the user's time zone. */
public class SetManualLocationFunction extends WorkLocationFunction {

    public SetManualLocationFunction() {
    }

    public SetManualLocationFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void change(GraphRequest request, TenantUser user) {
        set(request, user, WorkLocation.Source.manual);
    }
}
