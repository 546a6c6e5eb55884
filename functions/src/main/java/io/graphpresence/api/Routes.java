package io.graphpresence.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Every HTTP route of the Graph API and the function class that serves it, under both
 * {@code /v1.0} and {@code /beta}. API Gateway (in infra) and the local stack both route
 * from this one table.
 */
public final class Routes {

    /** @param path an API Gateway route path, with {@code {id}} for the user id */
    public record Route(String method, String path, Class<? extends GraphFunction> function) {

        public String routeKey() {
            return method + " " + path;
        }
    }

    public static final List<String> VERSIONS = List.of("v1.0", "beta");
    private static final List<String> PRESENCE_PATHS =
            List.of("/me/presence", "/users/{id}/presence", "/communications/presences/{id}");

    private Routes() {
    }

    public static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (String version : VERSIONS) {
            String root = "/" + version;
            for (String presence : PRESENCE_PATHS) {
                routes.add(new Route("GET", root + presence, GetPresenceFunction.class));
                routes.add(new Route("POST", root + presence + "/setPresence", SetPresenceFunction.class));
                routes.add(new Route("POST", root + presence + "/clearPresence", ClearPresenceFunction.class));
                routes.add(new Route("POST", root + presence + "/setUserPreferredPresence",
                        SetUserPreferredPresenceFunction.class));
                routes.add(new Route("POST", root + presence + "/clearUserPreferredPresence",
                        ClearUserPreferredPresenceFunction.class));
                routes.add(new Route("POST", root + presence + "/setStatusMessage", SetStatusMessageFunction.class));
            }
            routes.add(new Route("POST", root + "/communications/getPresencesByUserId",
                    GetPresencesByUserIdFunction.class));
        }
        return routes;
    }
}
