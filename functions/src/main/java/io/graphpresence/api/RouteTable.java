package io.graphpresence.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the route a request takes, as API Gateway does: the method and every literal segment
 * must match, and where several routes match, the most specific one (fewest path
 * parameters) wins, so {@code /communications/presences/$count} is not a presence id.
 */
public final class RouteTable {

    /** @param pathParameters as they stand in the path, not yet URL-decoded */
    public record Match(Routes.Route route, Map<String, String> pathParameters) {
    }

    private record Bound(Routes.Route route, Pattern pattern, List<String> parameters) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    private final List<Bound> routes = new ArrayList<>();

    public RouteTable(List<Routes.Route> routes) {
        for (Routes.Route route : routes) {
            List<String> parameters = PARAMETER.matcher(route.path()).results().map(m -> m.group(1)).toList();
            String regex = Pattern.quote(route.path()).replaceAll("\\{\\w+}", "\\\\E([^/]+)\\\\Q");
            this.routes.add(new Bound(route, Pattern.compile(regex), parameters));
        }
        this.routes.sort(Comparator.comparingInt(bound -> bound.parameters().size()));
    }

    public Optional<Match> match(String method, String rawPath) {
        for (Bound bound : routes) {
            Matcher match = bound.pattern().matcher(rawPath);
            if (match.matches() && bound.route().method().equalsIgnoreCase(method)) {
                Map<String, String> parameters = new HashMap<>();
                for (int i = 0; i < bound.parameters().size(); i++) {
                    parameters.put(bound.parameters().get(i), match.group(i + 1));
                }
                return Optional.of(new Match(bound.route(), parameters));
            }
        }
        return Optional.empty();
    }
}
