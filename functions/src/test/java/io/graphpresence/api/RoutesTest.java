package io.graphpresence.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The route table names real functions and covers every operation under both versions. */
class RoutesTest {

    @Test
    void everyRouteNamesAFunctionWithBothConstructors() throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            List<Routes.Route> routes = Routes.all(context.getBean(JsonMapper.class));
            assertEquals(118 + 6, routes.size(), "59 Graph routes under /v1.0 and /beta, 6 admin routes");
            assertEquals(routes.size(), routes.stream().map(Routes.Route::routeKey).distinct().count(), "no duplicates");
            for (Routes.Route route : routes) {
                Class<?> type = Class.forName(route.functionClass());
                assertTrue(GraphFunction.class.isAssignableFrom(type), route::toString);
                type.getConstructor();
                type.getConstructor(ApplicationContext.class);
            }
            Set<String> functions = routes.stream().map(Routes.Route::functionClass).collect(Collectors.toSet());
            assertEquals(9 + 4 + 4 + 6 + 6 + 2, functions.size(), "one function per operation: presence, work"
                    + " location, events, subscriptions, admin; the batch, and the paths Graph refuses");
        }
    }

    @Test
    void theAdminRoutesStandOutsideTheGraphVersions() {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            List<Routes.Route> routes = Routes.all(context.getBean(JsonMapper.class));
            List<String> admin = routes.stream().filter(r -> r.functionClass().startsWith("io.graphpresence.admin."))
                    .map(Routes.Route::routeKey).toList();
            assertEquals(List.of("POST /admin/tenants", "GET /admin/tenants/{tenantId}",
                    "PUT /admin/tenants/{tenantId}/domains", "PUT /admin/tenants/{tenantId}/externalAccess",
                    "PUT /admin/tenants/{tenantId}/users/{userId}", "DELETE /admin/tenants/{tenantId}/users/{userId}"),
                    admin);
            assertTrue(routes.stream().noneMatch(r -> r.path().contains("/admin/") && !r.path().startsWith("/admin/")),
                    "no admin route under /v1.0 or /beta");
        }
    }
}
