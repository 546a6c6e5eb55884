package io.graphpresence.admin;

import io.graphpresence.access.Caller;

/**
 * The two roles of the admin API, read from the token's {@code roles} (application roles, or
 * app roles assigned to a user in a delegated token; a scope of the same name does not count):
 * a platform operator creates tenants and assigns their verified domains (a tenant cannot
 * claim a domain itself); a tenant's administrator manages that tenant's users and
 * external-access policy, and nothing of another tenant.
 */
final class AdminRoles {

    static final String OPERATOR = "Presence.Operator";
    static final String TENANT_ADMIN = "Presence.Admin";

    private AdminRoles() {
    }

    static boolean hasOperatorRole(Caller caller) {
        return caller.roles().contains(OPERATOR);
    }

    /** The token's tenant ({@code tid}) is the one administered: one tenant's admin is nobody's elsewhere. */
    static boolean isTenantAdmin(Caller caller, String tenantId) {
        return caller.roles().contains(TENANT_ADMIN) && caller.tenantId().equals(tenantId);
    }
}
