package io.graphpresence.local;

import io.graphpresence.admin.DirectoryInput;
import io.graphpresence.api.GraphError;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.JsonBody;
import io.graphpresence.directory.ConflictException;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TenantNotFoundException;
import io.graphpresence.store.DirectoryStore;
import io.micronaut.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Tenants and users to create at start-up (the format of the local-stack spec). Loading
 * updates what is there and never deletes state (a tenant's domains become those the seed
 * lists, as the operator's domain assignment does).
 */
public record SeedFile(List<SeededTenant> tenants) {

    public record SeededTenant(Tenant tenant, List<DirectoryUser> users) {
    }

    /**
     * Reads a seed with the admin API's rules for tenants, policies and users.
     *
     * @throws IllegalArgumentException naming the tenant or user at fault
     */
    public static SeedFile parse(JsonMapper json, String text) {
        List<JsonBody> listed;
        try {
            listed = JsonBody.parse(json, text, true).optionalObjectArray("tenants");
        } catch (GraphError e) {
            throw new IllegalArgumentException("Seed file: " + e.getMessage(), e);
        }
        List<SeededTenant> tenants = new ArrayList<>();
        for (JsonBody t : listed) {
            try {
                tenants.add(tenant(t));
            } catch (GraphError e) {
                throw new IllegalArgumentException("Seed file, tenant " + (tenants.size() + 1) + ": " + e.getMessage(), e);
            }
        }
        return new SeedFile(tenants);
    }

    private static SeededTenant tenant(JsonBody t) {
        String tenantId = GraphRequest.normalizedUserId(t.requiredString("id"));
        Tenant tenant = DirectoryInput.tenant(t, tenantId, tenantId);
        List<DirectoryUser> users = new ArrayList<>();
        for (JsonBody u : t.optionalObjectArray("users")) {
            users.add(DirectoryInput.user(u, GraphRequest.normalizedUserId(u.requiredString("id")), tenantId));
        }
        return new SeededTenant(tenant, users);
    }

    /**
     * Through the same rules as the admin API: each tenant is created or updated with its
     * domains claimed in one transaction, so a domain another tenant owns stops the seed
     * with that tenant unchanged; users never move between tenants.
     *
     * @throws IllegalStateException naming the tenant and what was refused
     */
    public void applyTo(DirectoryStore directory) {
        for (SeededTenant seeded : tenants) {
            Tenant tenant = seeded.tenant();
            try {
                directory.putTenant(tenant);
                seeded.users().forEach(directory::putUser);
            } catch (ConflictException | TenantNotFoundException e) {
                throw new IllegalStateException("Seed file, tenant " + tenant.displayName() + " (" + tenant.id()
                        + "): " + e.getMessage(), e);
            }
        }
    }

    /** What a newcomer needs to try the stack: tenants, users and their ids. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (SeededTenant seeded : tenants) {
            Tenant t = seeded.tenant();
            text.append("Tenant ").append(t.displayName()).append(" ").append(t.id())
                    .append(" domains=").append(t.domains())
                    .append(" externalAccess=").append(t.externalAccess().mode())
                    .append(t.externalAccess().domains()).append('\n');
            for (DirectoryUser u : seeded.users()) {
                text.append("  user ").append(u.id()).append("  ").append(u.userPrincipalName())
                        .append("  ").append(u.displayName()).append('\n');
            }
        }
        return text.toString();
    }
}
