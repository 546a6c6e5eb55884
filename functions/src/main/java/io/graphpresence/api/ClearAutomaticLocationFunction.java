package io.graphpresence.api;

import io.graphpresence.presence.WorkLocation;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/** {@code POST /me/presence/clearAutomaticLocation}: the automatic location only; a manual one still wins. */
public class ClearAutomaticLocationFunction extends WorkLocationFunction {

    public ClearAutomaticLocationFunction() {
    }

    public ClearAutomaticLocationFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void change(GraphRequest request, TenantUser user) {
        presence.removeWorkLocation(user, WorkLocation.Source.automatic, clock.instant());
    }
}
