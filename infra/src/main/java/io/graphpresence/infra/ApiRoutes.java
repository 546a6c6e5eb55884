package io.graphpresence.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code api-routes.json}, the one route table the local stack also routes from:
 * Graph's routes under each version prefix, the admin routes as they stand.
 */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static List<ApiRoute> read(Path file) {
        JsonNode table;
        try {
            table = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the route table " + file, e);
        }
        List<ApiRoute> routes = new ArrayList<>();
        for (JsonNode version : table.get("versions")) {
            table.get("routes").forEach(r -> routes.add(route("/" + version.asText(), r)));
        }
        JsonNode unversioned = table.get("unversionedRoutes");
        if (unversioned != null) {
            unversioned.forEach(r -> routes.add(route("", r)));
        }
        return routes;
    }

    private static ApiRoute route(String prefix, JsonNode route) {
        return new ApiRoute(route.get("method").asText(), prefix + route.get("path").asText(),
                route.get("function").asText());
    }
}
