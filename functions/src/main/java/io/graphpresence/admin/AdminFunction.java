package io.graphpresence.admin;

import io.graphpresence.throttle.ThrottleFamily;
import io.graphpresence.access.AccessDeniedException;
import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.store.DirectoryStore;
import io.micronaut.context.ApplicationContext;

/** The admin API's functions: Graph's request and error handling, the directory, and the role checks. */
abstract class AdminFunction extends GraphFunction {

    protected final DirectoryStore directory = bean(DirectoryStore.class);

    AdminFunction() {
    }

    AdminFunction(ApplicationContext context) {
        super(context);
    }

    /** @throws AccessDeniedException unless the caller is a platform operator */
    protected final void requireOperator(Caller caller) {
        if (!AdminRoles.hasOperatorRole(caller)) {
            throw new AccessDeniedException("Only a platform operator (" + AdminRoles.OPERATOR + ") may do this.");
        }
        // a tenant's own identity provider signs tokens for that tenant only, but may put any
        // role in them: so the operator role counts only for a tid that is no directory tenant,
        // which only the platform issuer can sign for
        if (directory.findTenant(caller.tenantId()).isPresent()) {
            throw new AccessDeniedException(AdminRoles.OPERATOR + " counts only in a token of the platform, not in one "
                    + "of tenant '" + caller.tenantId() + "'.");
        }
    }

    /** The tenant the path names, which the caller must administer. */
    protected static String administeredTenant(GraphRequest request, Caller caller) {
        String tenantId = request.guidParameter("tenantId");
        if (!AdminRoles.isTenantAdmin(caller, tenantId)) {
            throw new AccessDeniedException("Only an administrator (" + AdminRoles.TENANT_ADMIN + ") of tenant '"
                    + tenantId + "' may do this.");
        }
        return tenantId;
    }

    /** The tenant the path names, which the caller must administer or operate. */
    protected final String readableTenant(GraphRequest request, Caller caller) {
        String tenantId = request.guidParameter("tenantId");
        if (!AdminRoles.isTenantAdmin(caller, tenantId)) {
            requireOperator(caller);
        }
        return tenantId;
    }

    /** The admin API is the platform's and tenants' administrators', not an application's: not throttled. */
    @Override
    protected ThrottleFamily family(GraphRequest request) {
        return null;
    }
}
