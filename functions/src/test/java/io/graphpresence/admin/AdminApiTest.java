package io.graphpresence.admin;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin API's role boundaries, its answers to bad input, and what its policies change. */
class AdminApiTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private static String operator() {
        return harness.appToken(UUID.randomUUID().toString(), "ops-console", "Presence.Operator");
    }

    private static String adminOf(String tenant) {
        return harness.appToken(tenant, "admin-console", "Presence.Admin");
    }

    private static String newTenant(String domain) {
        String id = UUID.randomUUID().toString();
        Reply created = harness.post("/admin/tenants", operator(), "{\"id\":\"" + id
                + "\",\"displayName\":\"T\",\"domains\":[\"" + domain + "\"]}");
        assertEquals(201, created.status(), created::toString);
        return id;
    }

    private static void assertError(int status, String code, Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.errorCode(), reply::toString);
    }

    @Test
    void anOperatorCreatesTenantsAndAssignsTheirDomains() {
        String id = newTenant("tailspin.example");
        Reply assigned = harness.call("PUT", "/admin/tenants/" + id + "/domains", Map.of("authorization",
                "Bearer " + operator()), "{\"domains\":[\"Tailspin.example\",\"tailspin.net\"]}");
        assertEquals(200, assigned.status(), assigned::toString);
        assertEquals(List.of("tailspin.example", "tailspin.net"), assigned.json().get("domains"));
        Reply read = harness.get("/admin/tenants/" + id, adminOf(id));
        assertEquals(List.of("tailspin.example", "tailspin.net"), read.json().get("domains"));
    }

    @Test
    void aTenantAdminCannotCreateTenantsOrClaimDomains() {
        assertError(403, "Forbidden", harness.post("/admin/tenants", adminOf(CONTOSO), "{\"displayName\":\"Mine\"}"));
        assertError(403, "Forbidden", put("/admin/tenants/" + CONTOSO + "/domains", adminOf(CONTOSO),
                "{\"domains\":[\"contoso.net\"]}"));
    }

    @Test
    void aTenantAdminManagesItsOwnUsersAndPolicyOnly() {
        String user = UUID.randomUUID().toString();
        String body = "{\"userPrincipalName\":\"new@contoso.com\",\"displayName\":\"New\"}";
        assertEquals(200, put("/admin/tenants/" + CONTOSO + "/users/" + user, adminOf(CONTOSO), body).status());
        assertError(403, "Forbidden", put("/admin/tenants/" + FABRIKAM + "/users/" + user, adminOf(CONTOSO), body));
        assertError(403, "Forbidden", put("/admin/tenants/" + FABRIKAM + "/externalAccess", adminOf(CONTOSO),
                "{\"mode\":\"allowAll\"}"));
        assertError(403, "Forbidden", harness.get("/admin/tenants/" + FABRIKAM, adminOf(CONTOSO)));
        assertError(409, "Conflict", put("/admin/tenants/" + FABRIKAM + "/users/" + user, adminOf(FABRIKAM), body));
        assertEquals(204, harness.call("DELETE", "/admin/tenants/" + CONTOSO + "/users/" + user,
                Map.of("authorization", "Bearer " + adminOf(CONTOSO)), null).status());
        assertError(404, "NotFound", harness.call("DELETE", "/admin/tenants/" + CONTOSO + "/users/" + user,
                Map.of("authorization", "Bearer " + adminOf(CONTOSO)), null));
    }

    @Test
    void withoutARoleNothingIsAdministered() {
        String plainApp = harness.appToken(CONTOSO, APP);
        String delegatedWithoutRole = harness.userToken(CONTOSO, ADELE);
        assertError(403, "Forbidden", harness.get("/admin/tenants/" + CONTOSO, plainApp));
        assertError(403, "Forbidden", put("/admin/tenants/" + CONTOSO + "/externalAccess", delegatedWithoutRole,
                "{\"mode\":\"allowAll\"}"));
        String delegatedAdmin = harness.tokens.mint(CONTOSO, APP, ADELE, null, List.of("Presence.Admin"),
                Duration.ofHours(1));
        assertEquals(200, harness.get("/admin/tenants/" + CONTOSO, delegatedAdmin).status(),
                "a delegated token carrying the role administers its tenant");
    }

    @Test
    void badInputIsAGraph4xx() {
        String admin = adminOf(CONTOSO);
        assertError(400, "InvalidArgument", put("/admin/tenants/" + CONTOSO + "/externalAccess", admin,
                "{\"mode\":\"friendsOnly\"}"));
        assertError(400, "InvalidArgument", put("/admin/tenants/" + CONTOSO + "/externalAccess", admin,
                "{\"mode\":\"allowList\",\"domains\":[\"not a domain\"]}"));
        assertError(400, "BadRequest", put("/admin/tenants/" + CONTOSO + "/externalAccess", admin, "{\"mode\":"));
        assertError(400, "BadRequest", harness.get("/admin/tenants/contoso", operator()));
        assertError(404, "NotFound", harness.get("/admin/tenants/" + UUID.randomUUID(), operator()));
        assertError(404, "NotFound", put("/admin/tenants/" + UUID.randomUUID() + "/domains", operator(),
                "{\"domains\":[\"nobody.example\"]}"));
        assertError(400, "InvalidArgument", harness.post("/admin/tenants", operator(),
                "{\"displayName\":\"T\",\"domains\":[\"localhost\"]}"));
    }

    @Test
    void aDomainOfAnotherTenantIsRefusedAndNothingChanges() {
        String first = newTenant("wingtip.example");
        String second = newTenant("woodgrove.example");
        Reply taken = put("/admin/tenants/" + second + "/domains", operator(),
                "{\"domains\":[\"woodgrove.net\",\"wingtip.example\"]}");
        assertError(409, "Conflict", taken);
        assertEquals(List.of("woodgrove.example"), harness.get("/admin/tenants/" + second, operator()).json()
                .get("domains"));
        assertError(409, "Conflict", harness.post("/admin/tenants", operator(),
                "{\"displayName\":\"Copy\",\"domains\":[\"wingtip.example\"]}"));
        assertError(409, "Conflict", harness.post("/admin/tenants", operator(),
                "{\"id\":\"" + first + "\",\"displayName\":\"Again\"}"));
        // released domains can be claimed by others
        assertEquals(200, put("/admin/tenants/" + first + "/domains", operator(), "{\"domains\":[]}").status());
        assertEquals(200, put("/admin/tenants/" + second + "/domains", operator(),
                "{\"domains\":[\"wingtip.example\"]}").status());
    }

    @Test
    void mutualPoliciesMakePresenceAppearAndABlockHidesItAgain() {
        harness.post("/v1.0/users/" + ADELE + "/presence/setPresence", harness.appToken(CONTOSO, APP),
                "{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\"}");
        String lee = harness.userToken(FABRIKAM, LEE);
        String adelesPresence = "/v1.0/users/" + ADELE + "/presence";
        assertEquals("PresenceUnknown/PresenceUnknown", harness.get(adelesPresence, lee).pair());

        assertEquals(200, put("/admin/tenants/" + FABRIKAM + "/externalAccess", adminOf(FABRIKAM),
                "{\"mode\":\"allowList\",\"domains\":[\"contoso.com\"]}").status());
        assertEquals(200, put("/admin/tenants/" + CONTOSO + "/externalAccess", adminOf(CONTOSO),
                "{\"mode\":\"allowList\",\"domains\":[\"fabrikam.com\"]}").status());
        assertEquals("Busy/InACall", harness.get(adelesPresence, lee).pair());

        assertEquals(200, put("/admin/tenants/" + CONTOSO + "/externalAccess", adminOf(CONTOSO),
                "{\"mode\":\"blockList\",\"domains\":[\"fabrikam.com\"]}").status());
        assertEquals("PresenceUnknown/PresenceUnknown", harness.get(adelesPresence, lee).pair());
    }

    private static Reply put(String path, String token, String body) {
        return harness.call("PUT", path, Map.of("authorization", "Bearer " + token), body);
    }
}
