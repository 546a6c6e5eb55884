package io.graphpresence.local;

import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.JsonBody;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TokenIssuer;
import io.graphpresence.store.PresenceRepository;
import io.micronaut.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Tenants and users to create at start-up (the format of the local-stack spec). Loading
 * updates what is there and never deletes state.
 */
public record SeedFile(List<SeededTenant> tenants) {

    public record SeededTenant(Tenant tenant, List<DirectoryUser> users) {
    }

    public static SeedFile parse(JsonMapper json, String text) {
        List<SeededTenant> tenants = new ArrayList<>();
        for (JsonBody t : JsonBody.parse(json, text, true).optionalObjectArray("tenants")) {
            String tenantId = GraphRequest.normalizedUserId(t.requiredString("id"));
            JsonBody access = t.optionalObject("externalAccess");
            ExternalAccess externalAccess = access == null ? ExternalAccess.DISABLED
                    : new ExternalAccess(ExternalAccess.Mode.valueOf(access.requiredString("mode")),
                    listOrEmpty(access.optionalStringArray("domains")));
            List<TokenIssuer> issuers = new ArrayList<>();
            for (JsonBody i : t.optionalObjectArray("issuers")) {
                issuers.add(new TokenIssuer(i.requiredString("issuer"), i.requiredString("jwksUrl")));
            }
            Tenant tenant = new Tenant(tenantId, t.optionalString("displayName"),
                    listOrEmpty(t.optionalStringArray("domains")), externalAccess, issuers);
            List<DirectoryUser> users = new ArrayList<>();
            for (JsonBody u : t.optionalObjectArray("users")) {
                users.add(new DirectoryUser(GraphRequest.normalizedUserId(u.requiredString("id")), tenantId,
                        u.requiredString("userPrincipalName"), u.optionalString("displayName")));
            }
            tenants.add(new SeededTenant(tenant, users));
        }
        return new SeedFile(tenants);
    }

    /** Through the same rules as the admin API: a domain another tenant owns is refused. */
    public void applyTo(PresenceRepository repository) {
        for (SeededTenant seeded : tenants) {
            repository.putTenant(seeded.tenant());
            repository.assignDomains(seeded.tenant().id(), seeded.tenant().domains());
            seeded.users().forEach(repository::putUser);
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

    private static List<String> listOrEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
