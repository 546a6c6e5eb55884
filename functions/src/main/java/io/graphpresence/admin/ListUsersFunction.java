package io.graphpresence.admin;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.TenantNotFoundException;
import io.graphpresence.store.DirectoryListing;
import io.micronaut.context.ApplicationContext;

import java.util.Comparator;
import java.util.Map;

/**
 * {@code GET /admin/tenants/{tenantId}/users} (operator, or that tenant's administrator): the
 * tenant's users as {@code {"value":[...]}}, by display name; 404 for an unknown tenant.
 */
public class ListUsersFunction extends AdminFunction {

    private static final Comparator<DirectoryUser> BY_NAME = Comparator
            .comparing((DirectoryUser user) -> user.displayName() == null || user.displayName().isEmpty()
                    ? user.userPrincipalName() : user.displayName(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(DirectoryUser::id);

    private final DirectoryListing listing = bean(DirectoryListing.class);

    public ListUsersFunction() {
    }

    public ListUsersFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String tenantId = readableTenant(request, caller);
        if (directory.findTenant(tenantId).isEmpty()) {
            throw new TenantNotFoundException(tenantId);
        }
        return GraphResponse.ok(Map.of("value", listing.listUsers(tenantId).stream()
                .sorted(BY_NAME).map(DirectoryJson::user).toList()));
    }
}
