package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.directory.TenantNotFoundException;
import io.micronaut.context.ApplicationContext;

/** {@code GET /admin/tenants/{tenantId}} (operator, or that tenant's administrator). */
public class GetTenantFunction extends AdminFunction {

    public GetTenantFunction() {
    }

    public GetTenantFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String tenantId = readableTenant(request, caller);
        return GraphResponse.ok(DirectoryJson.tenant(directory.findTenant(tenantId)
                .orElseThrow(() -> new TenantNotFoundException(tenantId))));
    }
}
