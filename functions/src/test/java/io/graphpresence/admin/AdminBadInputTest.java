package io.graphpresence.admin;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static io.graphpresence.local.FunctionHarness.UNKNOWN_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every kind of bad input to the admin API, answered with its exact status and code in
 * Graph's error body; never a 5xx, and never a change to the directory.
 */
class AdminBadInputTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    // an administrator of a tenant nobody created: what it names is not found
    private static final String GHOST_TENANT = UUID.randomUUID().toString();

    enum As { OPERATOR, CONTOSO_ADMIN, GHOST_ADMIN }

    static Stream<Arguments> cases() {
        String tenants = "/admin/tenants";
        String contoso = tenants + "/" + CONTOSO;
        String ghost = tenants + "/" + GHOST_TENANT;
        String user = contoso + "/users/" + UUID.randomUUID();
        String manyDomains = IntStream.range(0, 50).mapToObj(i -> "\"d" + i + ".example\"")
                .collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                row("create: malformed JSON", "POST", tenants, As.OPERATOR, "{\"displayName\":", 400, "BadRequest"),
                row("create: body not an object", "POST", tenants, As.OPERATOR, "[1]", 400, "BadRequest"),
                row("create: no body", "POST", tenants, As.OPERATOR, null, 400, "BadRequest"),
                row("create: no displayName", "POST", tenants, As.OPERATOR, "{\"domains\":[]}", 400, "BadRequest"),
                row("create: displayName a number", "POST", tenants, As.OPERATOR, "{\"displayName\":5}", 400,
                        "BadRequest"),
                row("create: blank displayName", "POST", tenants, As.OPERATOR, "{\"displayName\":\" \"}", 400,
                        "InvalidArgument"),
                row("create: displayName too long", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"" + "x".repeat(257) + "\"}", 400, "InvalidArgument"),
                row("create: id not a GUID", "POST", tenants, As.OPERATOR, "{\"id\":\"tailspin\",\"displayName\":\"T\"}",
                        400, "BadRequest"),
                row("create: domains not an array", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"domains\":\"t.example\"}", 400, "BadRequest"),
                row("create: domain without a dot", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"domains\":[\"localhost\"]}", 400, "InvalidArgument"),
                row("create: domain with a space", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"domains\":[\" t.example\"]}", 400, "InvalidArgument"),
                row("create: domain with an underscore", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"domains\":[\"t_t.example\"]}", 400, "InvalidArgument"),
                row("create: domain with an empty label", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"domains\":[\"t..example\"]}", 400, "InvalidArgument"),
                row("create: a URL, not a domain", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"domains\":[\"https://t.example\"]}", 400, "InvalidArgument"),
                row("create: too many domains", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"domains\":" + manyDomains + "}", 400, "InvalidArgument"),
                row("create: unknown policy mode", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"externalAccess\":{\"mode\":\"friendsOnly\"}}", 400, "InvalidArgument"),
                row("create: policy not an object", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"externalAccess\":\"allowAll\"}", 400, "BadRequest"),
                row("create: issuers not objects", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"issuers\":[\"https://idp.example\"]}", 400, "BadRequest"),
                row("create: issuer without jwksUrl", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"issuers\":[{\"issuer\":\"https://idp.example\"}]}", 400, "BadRequest"),
                row("create: jwksUrl not a URL", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"issuers\":[{\"issuer\":\"https://idp.example\",\"jwksUrl\":\"keys\"}]}",
                        400, "InvalidArgument"),
                row("create: jwksUrl not http(s)", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"issuers\":[{\"issuer\":\"i\",\"jwksUrl\":\"file:///etc/keys\"}]}",
                        400, "InvalidArgument"),
                row("create: an existing id", "POST", tenants, As.OPERATOR,
                        "{\"id\":\"" + CONTOSO + "\",\"displayName\":\"Again\"}", 409, "Conflict"),
                row("create: another tenant's domain", "POST", tenants, As.OPERATOR,
                        "{\"displayName\":\"T\",\"domains\":[\"t.example\",\"contoso.com\"]}", 409, "Conflict"),
                row("get: tenant id not a GUID", "GET", tenants + "/contoso", As.OPERATOR, null, 400, "BadRequest"),
                row("get: unknown tenant", "GET", ghost, As.OPERATOR, null, 404, "NotFound"),
                row("domains: unknown tenant", "PUT", ghost + "/domains", As.OPERATOR, "{\"domains\":[\"g.example\"]}",
                        404, "NotFound"),
                row("domains: tenant id not a GUID", "PUT", tenants + "/x/domains", As.OPERATOR,
                        "{\"domains\":[]}", 400, "BadRequest"),
                row("domains: none given", "PUT", contoso + "/domains", As.OPERATOR, "{}", 400, "BadRequest"),
                row("domains: not strings", "PUT", contoso + "/domains", As.OPERATOR, "{\"domains\":[1]}", 400,
                        "BadRequest"),
                row("domains: malformed", "PUT", contoso + "/domains", As.OPERATOR, "{\"domains\":[\"not a domain\"]}",
                        400, "InvalidArgument"),
                row("domains: another tenant's", "PUT", contoso + "/domains", As.OPERATOR,
                        "{\"domains\":[\"contoso.com\",\"fabrikam.com\"]}", 409, "Conflict"),
                row("policy: unknown mode", "PUT", contoso + "/externalAccess", As.CONTOSO_ADMIN,
                        "{\"mode\":\"friendsOnly\"}", 400, "InvalidArgument"),
                row("policy: mode in the wrong case", "PUT", contoso + "/externalAccess", As.CONTOSO_ADMIN,
                        "{\"mode\":\"AllowAll\"}", 400, "InvalidArgument"),
                row("policy: no mode", "PUT", contoso + "/externalAccess", As.CONTOSO_ADMIN,
                        "{\"domains\":[\"fabrikam.com\"]}", 400, "BadRequest"),
                row("policy: mode a number", "PUT", contoso + "/externalAccess", As.CONTOSO_ADMIN, "{\"mode\":1}",
                        400, "BadRequest"),
                row("policy: domains a string", "PUT", contoso + "/externalAccess", As.CONTOSO_ADMIN,
                        "{\"mode\":\"allowList\",\"domains\":\"fabrikam.com\"}", 400, "BadRequest"),
                row("policy: malformed domain", "PUT", contoso + "/externalAccess", As.CONTOSO_ADMIN,
                        "{\"mode\":\"allowList\",\"domains\":[\"fabrikam\"]}", 400, "InvalidArgument"),
                row("policy: malformed JSON", "PUT", contoso + "/externalAccess", As.CONTOSO_ADMIN, "{\"mode\":", 400,
                        "BadRequest"),
                row("policy: unknown tenant", "PUT", ghost + "/externalAccess", As.GHOST_ADMIN,
                        "{\"mode\":\"allowAll\"}", 404, "NotFound"),
                row("user: id not a GUID", "PUT", contoso + "/users/adele", As.CONTOSO_ADMIN,
                        "{\"userPrincipalName\":\"adele@contoso.com\"}", 400, "BadRequest"),
                row("user: no userPrincipalName", "PUT", user, As.CONTOSO_ADMIN, "{\"displayName\":\"N\"}", 400,
                        "BadRequest"),
                row("user: malformed userPrincipalName", "PUT", user, As.CONTOSO_ADMIN,
                        "{\"userPrincipalName\":\"adele\"}", 400, "InvalidArgument"),
                row("user: displayName an object", "PUT", user, As.CONTOSO_ADMIN,
                        "{\"userPrincipalName\":\"n@contoso.com\",\"displayName\":{}}", 400, "BadRequest"),
                row("user: malformed JSON", "PUT", user, As.CONTOSO_ADMIN, "{", 400, "BadRequest"),
                row("user: another tenant's user", "PUT", contoso + "/users/" + LEE, As.CONTOSO_ADMIN,
                        "{\"userPrincipalName\":\"lee@contoso.com\"}", 409, "Conflict"),
                row("user: unknown tenant", "PUT", ghost + "/users/" + UUID.randomUUID(), As.GHOST_ADMIN,
                        "{\"userPrincipalName\":\"g@ghost.example\"}", 404, "NotFound"),
                row("delete: unknown user", "DELETE", contoso + "/users/" + UNKNOWN_USER, As.CONTOSO_ADMIN, null, 404,
                        "NotFound"),
                row("delete: another tenant's user", "DELETE", contoso + "/users/" + LEE, As.CONTOSO_ADMIN, null, 404,
                        "NotFound"),
                row("delete: user id not a GUID", "DELETE", contoso + "/users/lee", As.CONTOSO_ADMIN, null, 400,
                        "BadRequest"));
    }

    private static Arguments row(String name, String method, String path, As as, String body, int status,
                                 String code) {
        return Arguments.of(name, method, path, as, body, status, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithGraphsError(String name, String method, String path, As as, String body, int status,
                                String code) {
        Reply reply = harness.call(method, path, token(as), body);
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.errorCode(), reply::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) reply.json().get("error");
        assertNotNull(error.get("message"));
        assertNotNull(((Map<?, ?>) error.get("innerError")).get("request-id"));
    }

    @Test
    void noRefusalChangesTheDirectory() {
        Map<String, Object> contoso = tenant(CONTOSO);
        Map<String, Object> fabrikam = tenant(FABRIKAM);
        cases().forEach(row -> {
            Object[] a = row.get();
            harness.call((String) a[1], (String) a[2], token((As) a[3]), (String) a[4]);
        });
        assertEquals(contoso, tenant(CONTOSO));
        assertEquals(fabrikam, tenant(FABRIKAM));
        assertEquals(FABRIKAM, harness.repository().findUser(LEE).orElseThrow().user().tenantId());
        assertEquals(404, harness.get("/admin/tenants/" + GHOST_TENANT, token(As.OPERATOR)).status());
        assertEquals(List.of(), harness.repository().listTenants().stream()
                .filter(t -> !t.id().equals(CONTOSO) && !t.id().equals(FABRIKAM)).toList(), "no tenant was created");
    }

    private static Map<String, Object> tenant(String id) {
        return harness.get("/admin/tenants/" + id, token(As.OPERATOR)).json();
    }

    private static String token(As as) {
        return switch (as) {
            case OPERATOR -> harness.appToken(UUID.randomUUID().toString(), "ops-console", AdminRoles.OPERATOR);
            case CONTOSO_ADMIN -> harness.appToken(CONTOSO, "admin-console", AdminRoles.TENANT_ADMIN);
            case GHOST_ADMIN -> harness.appToken(GHOST_TENANT, "admin-console", AdminRoles.TENANT_ADMIN);
        };
    }
}
