package io.graphpresence.admin;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every admin route against every kind of caller, each aimed at Contoso: who gets through,
 * and who gets 403 (or 401 without a token). Bodies are valid, so a refusal is the role's.
 */
class AdminRolesTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    enum As {
        OPERATOR(h -> h.appToken(UUID.randomUUID().toString(), "ops-console", AdminRoles.OPERATOR)),
        CONTOSO_ADMIN_APP(h -> h.appToken(CONTOSO, "admin-console", AdminRoles.TENANT_ADMIN)),
        CONTOSO_ADMIN_USER(h -> h.tokens.mint(CONTOSO, APP, ADELE, null, List.of(AdminRoles.TENANT_ADMIN),
                Duration.ofHours(1))),
        FABRIKAM_ADMIN(h -> h.appToken(FABRIKAM, "admin-console", AdminRoles.TENANT_ADMIN)),
        // Contoso's own identity provider could sign this: the operator role counts only from the platform
        CONTOSO_OPERATOR(h -> h.appToken(CONTOSO, "ops-console", AdminRoles.OPERATOR)),
        CONTOSO_APP(h -> h.appToken(CONTOSO, APP)),
        CONTOSO_USER(h -> h.userToken(CONTOSO, ADELE)),
        // a scope is not a role: the admin roles count only in roles
        ROLE_AS_SCOPE(h -> h.userToken(CONTOSO, ADELE, AdminRoles.TENANT_ADMIN, AdminRoles.OPERATOR)),
        NONE(h -> null);

        final Function<FunctionHarness, String> token;

        As(Function<FunctionHarness, String> token) {
            this.token = token;
        }

        boolean isContosoAdmin() {
            return this == CONTOSO_ADMIN_APP || this == CONTOSO_ADMIN_USER;
        }
    }

    enum Route {
        CREATE_TENANT(As.OPERATOR),
        ASSIGN_DOMAINS(As.OPERATOR),
        GET_TENANT(As.OPERATOR, As.CONTOSO_ADMIN_APP, As.CONTOSO_ADMIN_USER),
        // each administrator lists its own tenant, Fabrikam's too (AdminApiTest checks which)
        LIST_TENANTS(As.OPERATOR, As.CONTOSO_ADMIN_APP, As.CONTOSO_ADMIN_USER, As.FABRIKAM_ADMIN),
        LIST_USERS(As.OPERATOR, As.CONTOSO_ADMIN_APP, As.CONTOSO_ADMIN_USER),
        SET_EXTERNAL_ACCESS(As.CONTOSO_ADMIN_APP, As.CONTOSO_ADMIN_USER),
        PUT_USER(As.CONTOSO_ADMIN_APP, As.CONTOSO_ADMIN_USER),
        DELETE_USER(As.CONTOSO_ADMIN_APP, As.CONTOSO_ADMIN_USER);

        final List<As> allowed;

        Route(As... allowed) {
            this.allowed = List.of(allowed);
        }
    }

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (Route route : Route.values()) {
            for (As as : As.values()) {
                rows.add(Arguments.of(route, as));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("rows")
    void onlyTheRightRoleGetsThrough(Route route, As as) {
        Reply reply = call(route, as.token.apply(harness));
        if (as == As.NONE) {
            assertEquals(401, reply.status(), reply::toString);
            assertEquals("InvalidAuthenticationToken", reply.errorCode());
        } else if (route.allowed.contains(as)) {
            assertEquals(success(route), reply.status(), reply::toString);
        } else {
            assertEquals(403, reply.status(), reply::toString);
            assertEquals("Forbidden", reply.errorCode());
        }
    }

    private static Reply call(Route route, String token) {
        String contoso = "/admin/tenants/" + CONTOSO;
        return switch (route) {
            case CREATE_TENANT -> harness.post("/admin/tenants", token, "{\"displayName\":\"Tailspin\"}");
            // Contoso's own domain again: allowed callers change nothing
            case ASSIGN_DOMAINS -> harness.call("PUT", contoso + "/domains", token, "{\"domains\":[\"contoso.com\"]}");
            case GET_TENANT -> harness.get(contoso, token);
            case LIST_TENANTS -> harness.get("/admin/tenants", token);
            case LIST_USERS -> harness.get(contoso + "/users", token);
            // Contoso's seeded policy again
            case SET_EXTERNAL_ACCESS -> harness.call("PUT", contoso + "/externalAccess", token,
                    "{\"mode\":\"allowList\",\"domains\":[\"fabrikam.com\"]}");
            case PUT_USER -> harness.call("PUT", contoso + "/users/" + UUID.randomUUID(), token,
                    "{\"userPrincipalName\":\"new@contoso.com\",\"displayName\":\"New\"}");
            case DELETE_USER -> harness.call("DELETE", contoso + "/users/" + aContosoUser(), token, null);
        };
    }

    /** A user that exists, so that only the role can stand in the way of deleting it. */
    private static String aContosoUser() {
        String id = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(id, CONTOSO, "doomed@contoso.com", "Doomed"));
        return id;
    }

    private static int success(Route route) {
        return switch (route) {
            case CREATE_TENANT -> 201;
            case DELETE_USER -> 204;
            default -> 200;
        };
    }

    @ParameterizedTest(name = "a Contoso admin reaching into Fabrikam: {0}")
    @MethodSource("fabrikamRoutes")
    void aTenantAdminCannotTouchAnotherTenant(String method, String path, String body) {
        for (As as : List.of(As.CONTOSO_ADMIN_APP, As.CONTOSO_ADMIN_USER)) {
            Reply reply = harness.call(method, path, as.token.apply(harness), body);
            assertEquals(403, reply.status(), reply::toString);
            assertEquals("Forbidden", reply.errorCode());
        }
        assertEquals(FABRIKAM, harness.repository().findUser(LEE).orElseThrow().user().tenantId(), "Lee is untouched");
        assertEquals("disabled", policyOf(FABRIKAM).get("mode"), "Fabrikam's policy is untouched");
    }

    static Stream<Arguments> fabrikamRoutes() {
        String fabrikam = "/admin/tenants/" + FABRIKAM;
        return Stream.of(
                Arguments.of("GET", fabrikam, null),
                Arguments.of("GET", fabrikam + "/users", null),
                Arguments.of("PUT", fabrikam + "/externalAccess", "{\"mode\":\"allowAll\"}"),
                Arguments.of("PUT", fabrikam + "/users/" + LEE, "{\"userPrincipalName\":\"lee@contoso.com\"}"),
                Arguments.of("PUT", fabrikam + "/users/" + UUID.randomUUID(), "{\"userPrincipalName\":\"x@contoso.com\"}"),
                Arguments.of("DELETE", fabrikam + "/users/" + LEE, null),
                Arguments.of("PUT", fabrikam + "/domains", "{\"domains\":[\"fabrikam.com\"]}"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policyOf(String tenant) {
        Reply read = harness.get("/admin/tenants/" + tenant, As.OPERATOR.token.apply(harness));
        return (Map<String, Object>) read.json().get("externalAccess");
    }
}
