package io.graphpresence.admin;

import io.graphpresence.access.AccessDeniedException;
import io.graphpresence.access.Caller;

/**
 * Who administers what: a platform operator creates tenants and assigns their verified
 * domains (a tenant cannot claim a domain itself); a tenant's administrator manages that
 * tenant's users and external-access policy, and nothing of another tenant.
 */
final class AdminRoles {

    static final String OPERATOR = "Presence.Operator";
    static final String TENANT_ADMIN = "Presence.Admin";

    private AdminRoles() {
    }

    static void requireOperator(Caller caller) {
        if (!caller.roles().contains(OPERATOR)) {
            throw new AccessDeniedException("Only a platform operator (" + OPERATOR + ") may do this.");
        }
    }

    static void requireTenantAdmin(Caller caller, String tenantId) {
        if (!isTenantAdmin(caller, tenantId)) {
            throw new AccessDeniedException("Only an administrator (" + TENANT_ADMIN + ") of tenant '" + tenantId
                    + "' may do this.");
        }
    }

    static void requireOperatorOrTenantAdmin(Caller caller, String tenantId) {
        if (!caller.roles().contains(OPERATOR) && !isTenantAdmin(caller, tenantId)) {
            throw new AccessDeniedException("Only a platform operator or an administrator of tenant '" + tenantId
                    + "' may read it.");
        }
    }

    private static boolean isTenantAdmin(Caller caller, String tenantId) {
        return caller.roles().contains(TENANT_ADMIN) && caller.tenantId().equals(tenantId);
    }
}
