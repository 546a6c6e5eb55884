package io.graphpresence.admin;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the admin API does when it is allowed to: tenants and their domains, users, and the
 * policies that decide who sees whom. Roles are {@link AdminRolesTest}'s, bad input
 * {@link AdminBadInputTest}'s.
 */
class AdminApiTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private static String operator() {
        return harness.appToken(UUID.randomUUID().toString(), "ops-console", AdminRoles.OPERATOR);
    }

    private static String adminOf(String tenant) {
        return harness.appToken(tenant, "admin-console", AdminRoles.TENANT_ADMIN);
    }

    private static String newTenant(String... domains) {
        String id = UUID.randomUUID().toString();
        Reply created = harness.post("/admin/tenants", operator(), "{\"id\":\"" + id + "\",\"displayName\":\"T\","
                + "\"domains\":" + jsonList(domains) + "}");
        assertEquals(201, created.status(), created::toString);
        return id;
    }

    @Test
    void anOperatorCreatesATenantAndItsAdminReadsIt() {
        Reply created = harness.post("/admin/tenants", operator(), "{\"displayName\":\"Tailspin\","
                + "\"domains\":[\"Tailspin.example\",\"tailspin.example\"],"
                + "\"externalAccess\":{\"mode\":\"allowList\",\"domains\":[\"contoso.com\"]},"
                + "\"issuers\":[{\"issuer\":\"https://idp.tailspin.example\",\"jwksUrl\":\"https://idp.tailspin.example/keys\"}]}");
        assertEquals(201, created.status(), created::toString);
        String id = (String) created.json().get("id");
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        Map<String, Object> expected = Map.of("id", id, "displayName", "Tailspin",
                "domains", List.of("tailspin.example"),
                "externalAccess", Map.of("mode", "allowList", "domains", List.of("contoso.com")),
                "issuers", List.of(Map.of("issuer", "https://idp.tailspin.example",
                        "jwksUrl", "https://idp.tailspin.example/keys")));
        assertEquals(expected, created.json());
        assertEquals(expected, harness.get("/admin/tenants/" + id, adminOf(id)).json());
    }

    @Test
    void assigningDomainsReplacesThemAndReleasesTheDroppedOnes() {
        String first = newTenant("wingtip.example");
        Reply assigned = harness.call("PUT", "/admin/tenants/" + first + "/domains", operator(),
                "{\"domains\":[\"wingtip.net\",\"wingtip.org\"]}");
        assertEquals(200, assigned.status(), assigned::toString);
        assertEquals(List.of("wingtip.net", "wingtip.org"), assigned.json().get("domains"));
        assertEquals(List.of("wingtip.net", "wingtip.org"), domainsOf(first));
        newTenant("wingtip.example");
    }

    @Test
    void aConflictingClaimChangesNothing() {
        String first = newTenant("woodgrove.example");
        String second = newTenant("margie.example");
        Reply taken = harness.call("PUT", "/admin/tenants/" + second + "/domains", operator(),
                "{\"domains\":[\"margie.net\",\"woodgrove.example\"]}");
        assertEquals(409, taken.status(), taken::toString);
        assertEquals("Conflict", taken.errorCode());
        assertTrue(taken.body().contains("woodgrove.example"), taken::toString);
        assertEquals(List.of("margie.example"), domainsOf(second), "the refused tenant keeps its domains");
        assertEquals(List.of("woodgrove.example"), domainsOf(first), "the owner keeps its own");
        newTenant("margie.net");

        String copy = UUID.randomUUID().toString();
        Reply refused = harness.post("/admin/tenants", operator(), "{\"id\":\"" + copy
                + "\",\"displayName\":\"Copy\",\"domains\":[\"copy.example\",\"woodgrove.example\"]}");
        assertEquals(409, refused.status(), refused::toString);
        assertEquals(404, harness.get("/admin/tenants/" + copy, operator()).status(), "no tenant was created");
        newTenant("copy.example");
    }

    @Test
    void aTenantAdminCreatesUpdatesAndDeletesItsUsers() {
        String user = UUID.randomUUID().toString();
        String path = "/admin/tenants/" + CONTOSO + "/users/" + user;
        Reply created = harness.call("PUT", path, adminOf(CONTOSO),
                "{\"userPrincipalName\":\"diego@contoso.com\",\"displayName\":\"Diego\"}");
        assertEquals(200, created.status(), created::toString);
        assertEquals(Map.of("id", user, "tenantId", CONTOSO, "userPrincipalName", "diego@contoso.com",
                "displayName", "Diego"), created.json());
        String presence = "/v1.0/users/" + user + "/presence";
        String contosoApp = harness.appToken(CONTOSO, APP);
        assertEquals(200, harness.post(presence + "/setPresence", contosoApp, "{\"sessionId\":\"" + APP
                + "\",\"availability\":\"Busy\",\"activity\":\"InACall\"}").status());

        Reply renamed = harness.call("PUT", path, adminOf(CONTOSO),
                "{\"userPrincipalName\":\"diego.s@contoso.com\",\"displayName\":\"Diego S\"}");
        assertEquals("Diego S", renamed.json().get("displayName"));
        assertEquals("Diego S", harness.repository().findUser(user).orElseThrow().user().displayName());
        assertEquals("Busy/InACall", harness.get(presence, contosoApp).pair(), "an update keeps presence");

        assertEquals(204, harness.call("DELETE", path, adminOf(CONTOSO), null).status());
        assertEquals(404, harness.get(presence, contosoApp).status(), "a deleted user is gone");
        assertEquals(404, harness.call("DELETE", path, adminOf(CONTOSO), null).status());
    }

    @Test
    void anOperatorListsEveryTenantAndAnAdministratorItsOwn() {
        String tenant = newTenant("fourthcoffee.example");
        List<Object> all = ids(harness.get("/admin/tenants", operator()));
        assertTrue(all.containsAll(List.of(CONTOSO, FABRIKAM, tenant)), all::toString);
        assertEquals(List.of(FABRIKAM), ids(harness.get("/admin/tenants", adminOf(FABRIKAM))));
        assertEquals(List.of(tenant), ids(harness.get("/admin/tenants", adminOf(tenant))));
    }

    @Test
    void aTenantsUsersAreListedByNameAndNobodyElse() {
        String tenant = newTenant("northwind.example");
        String zoe = UUID.randomUUID().toString();
        String amy = UUID.randomUUID().toString();
        for (String[] user : List.of(new String[]{zoe, "zoe@northwind.example", "Zoe"},
                new String[]{amy, "amy@northwind.example", "amy"})) {
            Reply put = harness.call("PUT", "/admin/tenants/" + tenant + "/users/" + user[0], adminOf(tenant),
                    "{\"userPrincipalName\":\"" + user[1] + "\",\"displayName\":\"" + user[2] + "\"}");
            assertEquals(200, put.status(), put::toString);
        }
        List<Map<String, Object>> expected = List.of(
                Map.of("id", amy, "tenantId", tenant, "userPrincipalName", "amy@northwind.example", "displayName", "amy"),
                Map.of("id", zoe, "tenantId", tenant, "userPrincipalName", "zoe@northwind.example", "displayName", "Zoe"));
        assertEquals(Map.of("value", expected), harness.get("/admin/tenants/" + tenant + "/users", adminOf(tenant)).json());
        assertEquals(Map.of("value", expected), harness.get("/admin/tenants/" + tenant + "/users", operator()).json());

        List<Object> contoso = ids(harness.get("/admin/tenants/" + CONTOSO + "/users", adminOf(CONTOSO)));
        assertTrue(contoso.containsAll(List.of(ADELE, FunctionHarness.MEGAN)), contoso::toString);
        assertTrue(!contoso.contains(LEE), "no user of another tenant");
        Reply unknown = harness.get("/admin/tenants/" + UUID.randomUUID() + "/users", operator());
        assertEquals(404, unknown.status(), unknown::toString);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Reply listed) {
        assertEquals(200, listed.status(), listed::toString);
        return ((List<Map<String, Object>>) listed.json().get("value")).stream().map(e -> e.get("id")).toList();
    }

    @Test
    void aUserIdOfAnotherTenantStaysThere() {
        Reply moved = harness.call("PUT", "/admin/tenants/" + CONTOSO + "/users/" + LEE, adminOf(CONTOSO),
                "{\"userPrincipalName\":\"lee@contoso.com\",\"displayName\":\"Lee\"}");
        assertEquals(409, moved.status(), moved::toString);
        assertEquals("Conflict", moved.errorCode());
        assertEquals(FABRIKAM, harness.repository().findUser(LEE).orElseThrow().user().tenantId());
        assertEquals("lee@fabrikam.com", harness.repository().findUser(LEE).orElseThrow().user().userPrincipalName());
    }

    @Test
    void policiesNamingEachOtherShowPresenceAndABlockHidesItAgain() {
        harness.post("/v1.0/users/" + ADELE + "/presence/setPresence", harness.appToken(CONTOSO, APP),
                "{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\"}");
        String lee = harness.userToken(FABRIKAM, LEE);
        String adelesPresence = "/v1.0/users/" + ADELE + "/presence";
        assertEquals("PresenceUnknown/PresenceUnknown", harness.get(adelesPresence, lee).pair());

        setPolicy(FABRIKAM, "allowList", "contoso.com");
        setPolicy(CONTOSO, "allowList", "fabrikam.com");
        Reply seen = harness.get(adelesPresence, lee);
        assertEquals("Busy/InACall", seen.pair());
        assertTrue(seen.json().containsKey("sequenceNumber"), seen::toString);

        setPolicy(CONTOSO, "blockList", "fabrikam.com");
        Reply hidden = harness.get(adelesPresence, lee);
        assertEquals("PresenceUnknown/PresenceUnknown", hidden.pair());
        assertEquals(Map.of("id", ADELE, "availability", "PresenceUnknown", "activity", "PresenceUnknown"),
                hidden.json().entrySet().stream().filter(e -> !e.getKey().startsWith("@odata"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "nothing more than the unknown pair");
    }

    private static void setPolicy(String tenant, String mode, String... domains) {
        Reply reply = harness.call("PUT", "/admin/tenants/" + tenant + "/externalAccess", adminOf(tenant),
                "{\"mode\":\"" + mode + "\",\"domains\":" + jsonList(domains) + "}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(Map.of("mode", mode, "domains", List.of(domains)), reply.json().get("externalAccess"));
    }

    private static Object domainsOf(String tenant) {
        return harness.get("/admin/tenants/" + tenant, operator()).json().get("domains");
    }

    private static String jsonList(String... values) {
        return values.length == 0 ? "[]" : "[\"" + String.join("\",\"", values) + "\"]";
    }
}
