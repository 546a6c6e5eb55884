package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.directory.DirectoryUser;
import io.micronaut.context.ApplicationContext;

/**
 * {@code PUT /admin/tenants/{tenantId}/users/{userId}} (that tenant's administrator): creates
 * or updates a user; 409 when the id is a user of another tenant (users never move), 404
 * when the tenant does not exist.
 */
public class PutUserFunction extends AdminFunction {

    public PutUserFunction() {
    }

    public PutUserFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String tenantId = administeredTenant(request, caller);
        DirectoryUser user = DirectoryInput.user(body(request), request.guidParameter("userId"), tenantId);
        directory.putUser(user);
        return GraphResponse.ok(DirectoryJson.user(user));
    }
}
