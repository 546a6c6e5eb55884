package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/** {@code DELETE /admin/tenants/{tenantId}/users/{userId}} (that tenant's administrator): 204. */
public class DeleteUserFunction extends AdminFunction {

    public DeleteUserFunction() {
    }

    public DeleteUserFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String tenantId = administeredTenant(request, caller);
        directory.deleteUser(new TenantUser(tenantId, request.guidParameter("userId")));
        return new GraphResponse(204, null);
    }
}
