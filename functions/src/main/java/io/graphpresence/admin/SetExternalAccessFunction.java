package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.micronaut.context.ApplicationContext;

/** {@code PUT /admin/tenants/{tenantId}/externalAccess} (that tenant's administrator). */
public class SetExternalAccessFunction extends AdminFunction {

    public SetExternalAccessFunction() {
    }

    public SetExternalAccessFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String tenantId = administeredTenant(request, caller);
        repository.putExternalAccess(tenantId, DirectoryJson.externalAccess(body(request)));
        return GraphResponse.ok(DirectoryJson.tenant(repository.findTenant(tenantId).orElseThrow()));
    }
}
