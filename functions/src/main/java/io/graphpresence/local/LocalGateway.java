package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.Routes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stand-in for API Gateway (HTTP API, payload 2.0): matches a route, builds the
 * event AWS would send and invokes the same function class; {@code /_local/*} goes to the
 * local-only endpoints.
 */
final class LocalGateway implements HttpHandler {

    private record BoundRoute(Routes.Route route, Pattern pattern, GraphFunction function) {
    }

    private final List<BoundRoute> routes = new ArrayList<>();
    private final LocalEndpoints local;
    private final Clock clock;

    LocalGateway(Function<Class<? extends GraphFunction>, GraphFunction> functions, LocalEndpoints local,
                 Clock clock) {
        this.local = local;
        this.clock = clock;
        for (Routes.Route route : Routes.all()) {
            String regex = Pattern.quote(route.path()).replace("{id}", "\\E([^/]+)\\Q");
            routes.add(new BoundRoute(route, Pattern.compile(regex), functions.apply(route.function())));
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/_local/")) {
                local.handle(exchange, path, new String(body, StandardCharsets.UTF_8));
                return;
            }
            for (BoundRoute bound : routes) {
                Matcher match = bound.pattern().matcher(path);
                if (match.matches() && bound.route().method().equalsIgnoreCase(exchange.getRequestMethod())) {
                    APIGatewayV2HTTPEvent event = event(exchange, bound.route(), match, body);
                    send(exchange, bound.function().execute(event));
                    return;
                }
            }
            // what API Gateway itself answers for a route it does not have
            LocalEndpoints.sendJson(exchange, 404, "{\"message\":\"Not Found\"}");
        }
    }

    private APIGatewayV2HTTPEvent event(HttpExchange exchange, Routes.Route route, Matcher match, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        headers.put("x-forwarded-proto", "http");
        Map<String, String> pathParameters = match.groupCount() > 0 ? Map.of("id", match.group(1)) : null;
        String rawQuery = exchange.getRequestURI().getRawQuery();
        long now = clock.millis();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(route.method()).withPath(exchange.getRequestURI().getRawPath())
                .withProtocol(exchange.getProtocol()).withSourceIp("127.0.0.1")
                .withUserAgent(headers.get("user-agent")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(route.routeKey()).withStage("$default").withRequestId(UUID.randomUUID().toString())
                .withDomainName(headers.getOrDefault("host", "127.0.0.1")).withApiId("local")
                .withAccountId("000000000000").withTimeEpoch(now).withHttp(http).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query(rawQuery))
                .withPathParameters(pathParameters)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }

    /** API Gateway joins repeated query parameters with commas. */
    private static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
