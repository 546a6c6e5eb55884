package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.micronaut.context.ApplicationContext;

/**
 * {@code PUT /admin/tenants/{tenantId}/externalAccess} (that tenant's administrator):
 * {@code {mode, domains}}; answers the tenant as it now stands.
 */
public class SetExternalAccessFunction extends AdminFunction {

    public SetExternalAccessFunction() {
    }

    public SetExternalAccessFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String tenantId = administeredTenant(request, caller);
        var policy = DirectoryInput.externalAccess(body(request));
        return GraphResponse.ok(DirectoryJson.tenant(directory.putExternalAccess(tenantId, policy)));
    }
}
