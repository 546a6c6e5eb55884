package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.api.JsonBody;
import io.graphpresence.directory.Tenant;
import io.micronaut.context.ApplicationContext;

import java.util.UUID;

/**
 * {@code POST /admin/tenants} (operator): a new tenant, its verified domains claimed; 201.
 * 409 when the id is taken or a domain is another tenant's, and then nothing is created.
 */
public class CreateTenantFunction extends AdminFunction {

    public CreateTenantFunction() {
    }

    public CreateTenantFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        requireOperator(caller);
        JsonBody body = body(request);
        String id = body.optionalString("id");
        Tenant tenant = DirectoryInput.tenant(body,
                id == null ? UUID.randomUUID().toString() : GraphRequest.normalizedUserId(id), null);
        directory.createTenant(tenant);
        return new GraphResponse(201, DirectoryJson.tenant(tenant));
    }
}
