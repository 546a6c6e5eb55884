package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.graphpresence.access.InvalidTokenException;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponses;
import io.graphpresence.api.Routes;
import io.graphpresence.api.TokenAuthorizerFunction;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stand-in for API Gateway (HTTP API, payload 2.0): matches a route, builds the
 * event AWS would send and invokes the same function class; {@code /_local/*} goes to the
 * local-only endpoints, and {@code /} and {@code /board} to the presence board's page.
 */
public final class LocalGateway implements HttpHandler {

    private record BoundRoute(Routes.Route route, Pattern pattern, List<String> parameters, GraphFunction function) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    private final List<BoundRoute> routes = new ArrayList<>();
    private final LocalEndpoints local;
    private final Clock clock;
    private final TokenAuthorizerFunction authorizer;
    private final GraphResponses responses;

    public LocalGateway(ApplicationContext context, LocalEndpoints local, Clock clock) {
        this.local = local;
        this.clock = clock;
        this.authorizer = new TokenAuthorizerFunction(context);
        this.responses = context.getBean(GraphResponses.class);
        Map<String, GraphFunction> functions = new HashMap<>();
        for (Routes.Route route : Routes.all(context.getBean(JsonMapper.class))) {
            List<String> parameters = PARAMETER.matcher(route.path()).results().map(m -> m.group(1)).toList();
            String regex = Pattern.quote(route.path()).replaceAll("\\{\\w+}", "\\\\E([^/]+)\\\\Q");
            GraphFunction function = functions.computeIfAbsent(route.functionClass(), type -> instantiate(type, context));
            routes.add(new BoundRoute(route, Pattern.compile(regex), parameters, function));
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            RequestLimits.Refusal refusal = RequestLimits.refusal(exchange);
            if (refusal != null) {
                RequestLimits.refuse(exchange, refusal);
                return;
            }
            byte[] bytes = RequestLimits.body(exchange);
            if (bytes == null) {
                RequestLimits.refuse(exchange, RequestLimits.BODY_TOO_LARGE);
                return;
            }
            String body = new String(bytes, StandardCharsets.UTF_8);
            if (path.startsWith("/_local/")) {
                local.handle(exchange, path, body);
                return;
            }
            if (LocalBoard.serves(exchange.getRequestMethod(), path)) {
                LocalBoard.send(exchange, path);
                return;
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            APIGatewayV2HTTPResponse response = dispatch(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), headers, body);
            send(exchange, response);
        }
    }

    /**
     * What API Gateway does with one request: find the route, build the payload 2.0 event,
     * invoke the function. Headers are lower-cased names; an empty body is no body.
     */
    public APIGatewayV2HTTPResponse dispatch(String method, String rawPath, String rawQuery,
                                             Map<String, String> headers, String body) {
        for (BoundRoute bound : routes) {
            Matcher match = bound.pattern().matcher(rawPath);
            if (match.matches() && bound.route().method().equalsIgnoreCase(method)) {
                return authorizedCall(bound, event(bound, match, rawPath, rawQuery, headers, body));
            }
        }
        // what API Gateway itself answers for a route it does not have
        return APIGatewayV2HTTPResponse.builder().withStatusCode(404)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"message\":\"Not Found\"}").build();
    }

    /**
     * As API Gateway does with a Lambda authorizer: the authorizer runs first; a refused
     * token never reaches the function, an accepted one arrives as the authorizer context.
     */
    private APIGatewayV2HTTPResponse authorizedCall(BoundRoute bound, APIGatewayV2HTTPEvent event) {
        SimpleIAMPolicyResponse decision;
        try {
            decision = authorizer.execute(authorizerEvent(event));
        } catch (RuntimeException failure) {
            return responses.failure(new GraphRequest(event), failure, clock.instant());
        }
        if (!decision.getIsAuthorized()) {
            // AWS answers its own 401 body here; locally the reason is kept in Graph's shape
            String reason = decision.getContext() == null ? "Unauthorized" : decision.getContext().get("reason");
            return responses.failure(new GraphRequest(event), new InvalidTokenException(reason), clock.instant());
        }
        event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(new HashMap<>(decision.getContext())).build());
        return bound.function().execute(event);
    }

    private static APIGatewayV2CustomAuthorizerEvent authorizerEvent(APIGatewayV2HTTPEvent event) {
        String authorization = event.getHeaders().get("authorization");
        var http = APIGatewayV2CustomAuthorizerEvent.Http.builder()
                .withMethod(event.getRequestContext().getHttp().getMethod())
                .withPath(event.getRawPath()).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build();
        var context = APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                .withRouteKey(event.getRouteKey()).withStage("$default").withApiId("local")
                .withAccountId("000000000000").withRequestId(event.getRequestContext().getRequestId())
                .withDomainName(event.getRequestContext().getDomainName()).withHttp(http).build();
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0").withType("REQUEST").withRouteKey(event.getRouteKey())
                .withRouteArn("arn:aws:execute-api:local:000000000000:local/$default/" + event.getRouteKey())
                .withIdentitySource(authorization == null ? List.of() : List.of(authorization))
                .withRawPath(event.getRawPath()).withRawQueryString(event.getRawQueryString())
                .withHeaders(event.getHeaders()).withQueryStringParameters(event.getQueryStringParameters())
                .withPathParameters(event.getPathParameters())
                .withRequestContext(context).build();
    }

    private APIGatewayV2HTTPEvent event(BoundRoute bound, Matcher match, String rawPath, String rawQuery,
                                        Map<String, String> requestHeaders, String body) {
        Routes.Route route = bound.route();
        Map<String, String> headers = new HashMap<>(requestHeaders);
        headers.put("x-forwarded-proto", "http");
        Map<String, String> pathParameters = new HashMap<>();
        for (int i = 0; i < bound.parameters().size(); i++) {
            pathParameters.put(bound.parameters().get(i), match.group(i + 1));
        }
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(route.method()).withPath(rawPath)
                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent(headers.get("user-agent")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(route.routeKey()).withStage("$default").withRequestId(UUID.randomUUID().toString())
                .withDomainName(headers.getOrDefault("host", "127.0.0.1")).withApiId("local")
                .withAccountId("000000000000").withTimeEpoch(clock.millis()).withHttp(http).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(route.routeKey())
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query(rawQuery))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body == null || body.isEmpty() ? null : body)
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }

    /** Each function shares the stack's context, as one Lambda container has one context. */
    private static GraphFunction instantiate(String className, ApplicationContext context) {
        try {
            Class<? extends GraphFunction> type = Class.forName(className).asSubclass(GraphFunction.class);
            return type.getConstructor(ApplicationContext.class).newInstance(context);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Function " + className + " needs a constructor taking the context", e);
        }
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
