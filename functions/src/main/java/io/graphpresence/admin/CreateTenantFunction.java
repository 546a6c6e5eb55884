package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.api.JsonBody;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TokenIssuer;
import io.micronaut.context.ApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code POST /admin/tenants} (operator): a new tenant, its verified domains claimed; 201. */
public class CreateTenantFunction extends AdminFunction {

    public CreateTenantFunction() {
    }

    public CreateTenantFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        AdminRoles.requireOperator(caller);
        JsonBody body = body(request);
        String id = body.optionalString("id");
        List<String> domains = body.optionalStringArray("domains");
        List<TokenIssuer> issuers = new ArrayList<>();
        for (JsonBody issuer : body.optionalObjectArray("issuers")) {
            issuers.add(new TokenIssuer(issuer.requiredString("issuer"), issuer.requiredString("jwksUrl")));
        }
        Tenant tenant = new Tenant(id == null ? UUID.randomUUID().toString() : GraphRequest.normalizedUserId(id),
                body.requiredString("displayName"), DirectoryJson.domains(domains == null ? List.of() : domains),
                DirectoryJson.externalAccess(body.optionalObject("externalAccess")), issuers);
        repository.createTenant(tenant);
        return new GraphResponse(201, DirectoryJson.tenant(tenant));
    }
}
