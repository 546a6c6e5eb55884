package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/** The shape of every presence action: resolve the user, check write access, change, answer 200 with no body. */
abstract class PresenceWriteFunction extends GraphFunction {

    protected final PresenceStore presence = bean(PresenceStore.class);

    PresenceWriteFunction() {
    }

    PresenceWriteFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected final GraphResponse handle(GraphRequest request, Caller caller) {
        String userId = request.targetUser(caller);
        PresencePermissions.requireWrite(caller, userId);
        write(new TenantUser(caller.tenantId(), userId), request, caller);
        return GraphResponse.OK_NO_BODY;
    }

    protected abstract void write(TenantUser target, GraphRequest request, Caller caller);
}
