package io.graphpresence.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route table serves the operations of the API contract (section 1, "Operations": every
 * path under both {@code /v1.0} and {@code /beta}) and the admin API of {@code ADMIN.md}, one
 * function per operation, each a real function.
 */
class RoutesTest {

    private static final List<String> VERSIONS = List.of("/v1.0", "/beta");
    private static final List<String> PRESENCE_PREFIXES =
            List.of("/me/presence", "/users/{}/presence", "/communications/presences/{}");

    /** The contract's operations table, row by row: each operation and its routes. */
    private static Map<String, List<String>> contractOperations() {
        Map<String, List<String>> ops = new LinkedHashMap<>();
        ops.put("get presence", PRESENCE_PREFIXES.stream()
                .map(p -> "GET " + p).toList());
        ops.put("get presences by user id", List.of("POST /communications/getPresencesByUserId"));
        for (String action : List.of("setPresence", "clearPresence", "setUserPreferredPresence",
                "clearUserPreferredPresence", "setStatusMessage",
                // work location: /me, and the two paths Graph's SDKs generate
                "setManualLocation", "setAutomaticLocation", "clearLocation", "clearAutomaticLocation")) {
            ops.put(action, PRESENCE_PREFIXES.stream().map(p -> "POST " + p + "/" + action).toList());
        }
        ops.put("JSON batching", List.of("POST /$batch"));
        ops.put("create event", List.of("POST /users/{}/events", "POST /me/events"));
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            ops.put(method + " event", List.of(method + " /users/{}/events/{}", method + " /me/events/{}"));
        }
        for (String method : List.of("GET", "PATCH")) {
            ops.put(method + " mailbox settings", List.of(method + " /users/{}/mailboxSettings", method + " /me/mailboxSettings"));
        }
        ops.put("create subscription", List.of("POST /subscriptions"));
        ops.put("list subscriptions", List.of("GET /subscriptions"));
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            ops.put(method + " subscription", List.of(method + " /subscriptions/{}"));
        }
        ops.put("reauthorize subscription", List.of("POST /subscriptions/{}/reauthorize"));
        return ops;
    }

    /** ADMIN.md's table: unversioned, one function each. */
    private static final List<String> ADMIN = List.of("POST /admin/tenants", "GET /admin/tenants",
            "GET /admin/tenants/{tenantId}", "GET /admin/tenants/{tenantId}/users",
            "PUT /admin/tenants/{tenantId}/domains", "PUT /admin/tenants/{tenantId}/externalAccess",
            "PUT /admin/tenants/{tenantId}/users/{userId}", "DELETE /admin/tenants/{tenantId}/users/{userId}");

    /**
     * Paths Graph's metadata has, so the SDKs generate them, but Graph refuses at run time:
     * answered 404 or 405 by one function that touches nothing (docs/graph-paths.md).
     */
    private static final List<String> REFUSED = List.of("PATCH /me/presence", "DELETE /me/presence",
            "PATCH /users/{}/presence", "DELETE /users/{}/presence", "PATCH /communications/presences/{}",
            "DELETE /communications/presences/{}", "GET /communications/presences", "POST /communications/presences",
            "GET /communications/presences/$count");

    /** A route key with its path parameters unnamed, as the contract writes them differently. */
    private static String unnamed(String routeKey) {
        return routeKey.replaceAll("\\{[^}]*}", "{}");
    }

    private static List<Routes.Route> routes(ApplicationContext context) {
        return Routes.all(context.getBean(JsonMapper.class));
    }

    @Test
    void theRouteTableServesTheContractsOperationsUnderBothVersions() {
        Set<String> expected = new TreeSet<>();
        List<String> graphRoutes = new ArrayList<>(REFUSED);
        contractOperations().values().forEach(graphRoutes::addAll);
        graphRoutes.forEach(k -> {
            String[] methodAndPath = k.split(" ", 2);
            VERSIONS.forEach(v -> expected.add(methodAndPath[0] + " " + v + methodAndPath[1]));
        });
        ADMIN.forEach(k -> expected.add(unnamed(k)));
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            List<Routes.Route> routes = routes(context);
            assertEquals(routes.size(), routes.stream().map(Routes.Route::routeKey).distinct().count(), "no duplicates");
            Set<String> served = routes.stream().map(r -> unnamed(r.routeKey())).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, served);
        }
    }

    @Test
    void eachOperationIsOneFunctionWithBothConstructors() throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            Map<String, String> functionOf = new LinkedHashMap<>();
            for (Routes.Route route : routes(context)) {
                functionOf.put(unnamed(route.routeKey()).replaceFirst(" /(v1\\.0|beta)/", " /"), route.functionClass());
                Class<?> type = Class.forName(route.functionClass());
                assertTrue(GraphFunction.class.isAssignableFrom(type), route::toString);
                type.getConstructor();
                type.getConstructor(ApplicationContext.class);
            }
            List<String> functions = new ArrayList<>();
            contractOperations().forEach((operation, keys) -> {
                Set<String> serving = keys.stream().filter(functionOf::containsKey).map(functionOf::get)
                        .collect(Collectors.toSet());
                if (!serving.isEmpty()) {
                    assertEquals(1, serving.size(), operation + " is served by one function: " + serving);
                    functions.addAll(serving);
                }
            });
            ADMIN.forEach(k -> functions.add(functionOf.get(unnamed(k))));
            assertEquals(functions.size(), Set.copyOf(functions).size(), "no function serves two operations: " + functions);
        }
    }

    @Test
    void theAdminRoutesStandOutsideTheGraphVersions() {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            List<Routes.Route> routes = routes(context);
            List<String> admin = routes.stream().filter(r -> r.functionClass().startsWith("io.graphpresence.admin."))
                    .map(Routes.Route::routeKey).toList();
            assertEquals(ADMIN.size(), admin.size(), "no admin route twice: " + admin);
            assertEquals(new TreeSet<>(ADMIN), new TreeSet<>(admin));
            assertTrue(routes.stream().noneMatch(r -> r.path().contains("/admin/") && !r.path().startsWith("/admin/")),
                    "no admin route under /v1.0 or /beta");
        }
    }
}
