package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.store.PresenceRepository;
import io.micronaut.context.ApplicationContext;

/** The admin API's functions: Graph's request and error handling, and the directory. */
abstract class AdminFunction extends GraphFunction {

    protected final PresenceRepository repository = bean(PresenceRepository.class);

    AdminFunction() {
    }

    AdminFunction(ApplicationContext context) {
        super(context);
    }

    /** The tenant the path names, which the caller must administer. */
    protected static String administeredTenant(GraphRequest request, Caller caller) {
        String tenantId = request.guidParameter("tenantId");
        AdminRoles.requireTenantAdmin(caller, tenantId);
        return tenantId;
    }
}
