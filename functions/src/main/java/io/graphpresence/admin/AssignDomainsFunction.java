package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.micronaut.context.ApplicationContext;

/**
 * {@code PUT /admin/tenants/{tenantId}/domains} (operator): the tenant's verified domains;
 * 409 when one belongs to another tenant, and then nothing changes.
 */
public class AssignDomainsFunction extends AdminFunction {

    public AssignDomainsFunction() {
    }

    public AssignDomainsFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        requireOperator(caller);
        String tenantId = request.guidParameter("tenantId");
        var domains = DirectoryInput.verifiedDomains(body(request).requiredStringArray("domains"));
        return GraphResponse.ok(DirectoryJson.tenant(directory.assignDomains(tenantId, domains)));
    }
}
