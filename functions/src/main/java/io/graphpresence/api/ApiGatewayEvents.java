package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The API Gateway (HTTP API, payload 2.0) events a function receives, built for a matched
 * route: by the local gateway for each HTTP request, and by the batch function for each
 * request inside a batch.
 */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {
    }

    /**
     * @param headers lower-cased names
     * @param body    null or empty for none
     */
    public static APIGatewayV2HTTPEvent request(RouteTable.Match match, String rawPath, String rawQuery,
                                                Map<String, String> headers, String body, long timeEpochMillis) {
        Routes.Route route = match.route();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(route.method()).withPath(rawPath)
                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent(headers.get("user-agent")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(route.routeKey()).withStage("$default").withRequestId(UUID.randomUUID().toString())
                .withDomainName(headers.getOrDefault("host", "127.0.0.1")).withApiId("local")
                .withAccountId("000000000000").withTimeEpoch(timeEpochMillis).withHttp(http).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(route.routeKey())
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(new HashMap<>(headers))
                .withQueryStringParameters(query(rawQuery))
                .withPathParameters(match.pathParameters().isEmpty() ? null : new HashMap<>(match.pathParameters()))
                .withBody(body == null || body.isEmpty() ? null : body)
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }

    /** What API Gateway itself answers for a route it does not have. */
    public static APIGatewayV2HTTPResponse routeNotFound() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(404)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"message\":\"Not Found\"}").build();
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

    /** A malformed escape such as {@code %zz} is kept as sent, for the function to refuse. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
