package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.graphpresence.access.InvalidTokenException;
import io.graphpresence.api.ApiGatewayEvents;
import io.graphpresence.api.FunctionInstances;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponses;
import io.graphpresence.api.RouteTable;
import io.graphpresence.api.Routes;
import io.graphpresence.api.TokenAuthorizerFunction;
import io.graphpresence.observe.RequestLog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local stand-in for API Gateway (HTTP API, payload 2.0): matches a route, builds the
 * event AWS would send and invokes the same function class; {@code /_local/*} goes to the
 * local-only endpoints, and {@code /} and {@code /board} to the presence board's page.
 */
public final class LocalGateway implements HttpHandler {

    private final RouteTable routes;
    private final FunctionInstances functions;
    private final LocalEndpoints local;
    private final Clock clock;
    private final TokenAuthorizerFunction authorizer;
    private final GraphResponses responses;

    public LocalGateway(ApplicationContext context, LocalEndpoints local, Clock clock) {
        this.local = local;
        this.clock = clock;
        this.authorizer = new TokenAuthorizerFunction(context);
        this.responses = context.getBean(GraphResponses.class);
        List<Routes.Route> table = Routes.all(context.getBean(JsonMapper.class));
        this.routes = new RouteTable(table);
        this.functions = new FunctionInstances(context);
        // every function starts with the stack, as a deployment fails on a missing handler class
        table.forEach(route -> functions.get(route.functionClass()));
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
        Optional<RouteTable.Match> match = routes.match(method, rawPath);
        if (match.isEmpty()) {
            return ApiGatewayEvents.routeNotFound();
        }
        Map<String, String> forwarded = new HashMap<>(headers);
        forwarded.put("x-forwarded-proto", "http");
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request(match.get(), rawPath, rawQuery, forwarded, body,
                clock.millis());
        // stands in for Lambda's id of the invocation, which every line of a request carries in AWS
        RequestLog.invocation("local-" + UUID.randomUUID(), null);
        try {
            return authorizedCall(functions.get(match.get().route().functionClass()), event);
        } finally {
            RequestLog.invocation(null, null);
        }
    }

    /**
     * As API Gateway does with a Lambda authorizer: the authorizer runs first; a refused
     * token never reaches the function, an accepted one arrives as the authorizer context.
     */
    private APIGatewayV2HTTPResponse authorizedCall(GraphFunction function, APIGatewayV2HTTPEvent event) {
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
        return function.execute(event);
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
