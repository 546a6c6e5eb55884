package io.graphpresence.admin;

import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.SeedFile;
import io.graphpresence.store.AllStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.LEE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local stack's seed file goes into the directory by the admin API's rules. */
class SeedRulesTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private static AllStores repository() {
        return harness.repository();
    }

    private static SeedFile seed(String id, String name, String domains, String users) {
        return SeedFile.parse(harness.json, "{\"tenants\":[{\"id\":\"" + id + "\",\"displayName\":\"" + name
                + "\",\"domains\":" + domains + ",\"externalAccess\":{\"mode\":\"allowAll\"},\"users\":" + users + "}]}");
    }

    @Test
    void aSeedClaimingAnotherTenantsDomainFailsClearlyAndChangesNothing() {
        String id = UUID.randomUUID().toString();
        SeedFile greedy = seed(id, "Greedy", "[\"greedy.example\",\"contoso.com\"]", "[]");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> greedy.applyTo(repository()));
        assertTrue(refused.getMessage().contains("Greedy (" + id + ")"), refused::getMessage);
        assertTrue(refused.getMessage().contains("'contoso.com' belongs to another tenant ('" + CONTOSO + "')"),
                refused::getMessage);
        assertTrue(repository().findTenant(id).isEmpty(), "the seed's tenant was not created");
        assertEquals(List.of("contoso.com"), repository().findTenant(CONTOSO).orElseThrow().domains());
        seed(UUID.randomUUID().toString(), "Other", "[\"greedy.example\"]", "[]").applyTo(repository());
    }

    @Test
    void seedingAgainUpdatesTheTenantAndItsDomainsByTheSameClaims() {
        String id = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        String users = "[{\"id\":\"" + user + "\",\"userPrincipalName\":\"kim@alpine.example\"}]";
        seed(id, "Alpine", "[\"alpine.example\"]", users).applyTo(repository());
        seed(id, "Alpine Ski", "[\"alpine.net\"]", users).applyTo(repository());
        Tenant updated = repository().findTenant(id).orElseThrow();
        assertEquals("Alpine Ski", updated.displayName());
        assertEquals(List.of("alpine.net"), updated.domains());
        assertEquals(ExternalAccess.Mode.allowAll, updated.externalAccess().mode());
        assertEquals(id, repository().findUser(user).orElseThrow().user().tenantId());
        seed(UUID.randomUUID().toString(), "Next", "[\"alpine.example\"]", "[]").applyTo(repository());
    }

    @Test
    void aSeedCannotMoveAUserOfAnotherTenant() {
        String id = UUID.randomUUID().toString();
        SeedFile poacher = seed(id, "Poacher", "[]", "[{\"id\":\"" + LEE + "\",\"userPrincipalName\":\"lee@p.example\"}]");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> poacher.applyTo(repository()));
        assertTrue(refused.getMessage().contains("Poacher") && refused.getMessage().contains(LEE), refused::getMessage);
        assertEquals("lee@fabrikam.com", repository().findUser(LEE).orElseThrow().user().userPrincipalName());
    }

    @Test
    void aMalformedSeedNamesTheTenantAndTheRuleBroken() {
        String text = "{\"tenants\":[{\"id\":\"" + UUID.randomUUID() + "\",\"displayName\":\"Fine\"},"
                + "{\"id\":\"" + UUID.randomUUID() + "\",\"domains\":[\"no_domain\"]}]}";
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SeedFile.parse(harness.json, text));
        assertTrue(bad.getMessage().startsWith("Seed file, tenant 2: 'no_domain' is not a domain name"), bad::getMessage);
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> SeedFile.parse(harness.json,
                "{\"tenants\":[{\"id\":\"" + UUID.randomUUID() + "\",\"externalAccess\":{\"mode\":\"open\"}}]}"));
        assertTrue(mode.getMessage().contains("Unknown external access mode 'open'"), mode::getMessage);
    }
}
