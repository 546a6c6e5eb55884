package io.graphpresence.api;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The route table, {@code api-routes.json}: every HTTP route and the function class that
 * serves it; Graph's routes under each version prefix, the admin API's without one. It is data, so that API Gateway
 * (the CDK app in infra/) and the local stack route from the same file.
 */
public final class Routes {

    /** @param path an API Gateway route path, with {@code {id}} for the user id */
    public record Route(String method, String path, String functionClass) {

        public String routeKey() {
            return method + " " + path;
        }
    }

    private static final String RESOURCE = "/api-routes.json";

    private Routes() {
    }

    public static List<Route> all(JsonMapper json) {
        JsonBody table;
        try (InputStream in = Routes.class.getResourceAsStream(RESOURCE)) {
            table = JsonBody.parse(json, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Route> routes = new ArrayList<>();
        for (String version : table.requiredStringArray("versions")) {
            for (JsonBody route : table.optionalObjectArray("routes")) {
                routes.add(route("/" + version, route));
            }
        }
        for (JsonBody route : table.optionalObjectArray("unversionedRoutes")) {
            routes.add(route("", route));
        }
        return routes;
    }

    private static Route route(String prefix, JsonBody route) {
        return new Route(route.requiredString("method"), prefix + route.requiredString("path"),
                route.requiredString("function"));
    }
}
