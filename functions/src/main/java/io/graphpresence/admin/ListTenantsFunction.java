package io.graphpresence.admin;

import io.graphpresence.access.AccessDeniedException;
import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.directory.Tenant;
import io.graphpresence.store.DirectoryListing;
import io.micronaut.context.ApplicationContext;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /admin/tenants}: the tenants the caller may read, as {@code {"value":[...]}}, by
 * display name. An operator reads every tenant; a tenant's administrator reads the one
 * tenant {@code GET /admin/tenants/{tenantId}} would show it, so a console needs no other path.
 */
public class ListTenantsFunction extends AdminFunction {

    private final DirectoryListing listing = bean(DirectoryListing.class);

    public ListTenantsFunction() {
    }

    public ListTenantsFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        Optional<Tenant> own = directory.findTenant(caller.tenantId());
        List<Tenant> tenants;
        if (AdminRoles.hasOperatorRole(caller) && own.isEmpty()) {
            // the platform's token, as requireOperator has it
            tenants = listing.listTenants();
        } else if (AdminRoles.isTenantAdmin(caller, caller.tenantId())) {
            tenants = own.stream().toList();
        } else {
            throw new AccessDeniedException("Only a platform operator (" + AdminRoles.OPERATOR
                    + ") or a tenant's administrator (" + AdminRoles.TENANT_ADMIN + ") may list tenants.");
        }
        return GraphResponse.ok(Map.of("value", tenants.stream()
                .sorted(Comparator.comparing(Tenant::displayName, String.CASE_INSENSITIVE_ORDER).thenComparing(Tenant::id))
                .map(DirectoryJson::tenant).toList()));
    }
}
