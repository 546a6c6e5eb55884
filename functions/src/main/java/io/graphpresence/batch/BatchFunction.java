package io.graphpresence.batch;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.graphpresence.access.Caller;
import io.graphpresence.api.ApiGatewayEvents;
import io.graphpresence.api.FunctionInstances;
import io.graphpresence.api.GraphError;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.api.GraphResponses;
import io.graphpresence.api.JsonBody;
import io.graphpresence.api.RouteTable;
import io.graphpresence.api.Routes;
import io.graphpresence.throttle.ThrottleFamily;
import io.graphpresence.wiring.WorkerPools;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * {@code POST /$batch}: Graph's JSON batching. Each inner request runs in this process through
 * the same function class that serves it alone, with the batch's own authorizer context, so
 * it is authorized, throttled and answered exactly as it would be alone; requests with no
 * {@code dependsOn} between them run at the same time, a dependant of a failed request gets
 * 424. Only the inner requests touch storage: the batch itself costs nothing more.
 */
public class BatchFunction extends GraphFunction {

    /** One inner request, as the batch gives it. */
    private record InnerRequest(String id, String method, String url, Map<String, String> headers, JsonNode body,
                                List<String> dependsOn) {
    }

    private final RouteTable routes = new RouteTable(Routes.all(json));
    private final FunctionInstances functions = new FunctionInstances(getApplicationContext());
    private final GraphResponses responses = bean(GraphResponses.class);
    // inner requests wait on storage, not on CPU: a thread each, at most a batch's worth at once
    private final ExecutorService innerRuns = bean(WorkerPools.class).unbounded("batch-inner");

    public BatchFunction() {
    }

    public BatchFunction(ApplicationContext context) {
        super(context);
    }

    /** Graph counts each inner request against the limits, not the batch. */
    @Override
    protected ThrottleFamily family(GraphRequest request) {
        return null;
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        List<InnerRequest> inner = parse(body(request));
        LinkedHashMap<String, List<String>> dependsOn = new LinkedHashMap<>();
        inner.forEach(r -> dependsOn.put(r.id(), r.dependsOn()));
        List<String> order;
        try {
            order = BatchPlan.order(dependsOn, inner.size());
        } catch (InvalidBatchException e) {
            throw GraphError.badRequest(e.getMessage());
        }
        Map<String, InnerRequest> byId = new HashMap<>();
        inner.forEach(r -> byId.put(r.id(), r));
        Map<String, CompletableFuture<APIGatewayV2HTTPResponse>> answers = new HashMap<>();
        for (String id : order) {
            InnerRequest next = byId.get(id);
            List<CompletableFuture<APIGatewayV2HTTPResponse>> before = next.dependsOn().stream().map(answers::get)
                    .toList();
            answers.put(id, CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                    .thenApplyAsync(done -> failedDependency(next, answers)
                            .map(failed -> dependencyFailed(request, next, failed))
                            .orElseGet(() -> run(request, next)), innerRuns));
        }
        List<Map<String, Object>> answered = new ArrayList<>();
        for (InnerRequest r : inner) {
            answered.add(answer(r.id(), answers.get(r.id()).join()));
        }
        return GraphResponse.ok(Map.of("responses", answered));
    }

    private static List<InnerRequest> parse(JsonBody body) {
        if (body.optionalNode("requests") == null) {
            throw GraphError.badRequest("The property 'requests' is required.");
        }
        List<InnerRequest> inner = new ArrayList<>();
        for (JsonBody r : body.optionalObjectArray("requests")) {
            List<String> dependsOn = r.optionalStringArray("dependsOn");
            inner.add(new InnerRequest(r.requiredString("id"), r.requiredString("method").toUpperCase(Locale.ROOT),
                    r.requiredString("url"), r.optionalStringMap("headers"), r.optionalNode("body"),
                    dependsOn == null ? List.of() : dependsOn));
        }
        return inner;
    }

    private static Optional<String> failedDependency(InnerRequest request,
                                                     Map<String, CompletableFuture<APIGatewayV2HTTPResponse>> answers) {
        return request.dependsOn().stream()
                .filter(dependency -> answers.get(dependency).join().getStatusCode() >= 400)
                .findFirst();
    }

    private APIGatewayV2HTTPResponse dependencyFailed(GraphRequest batch, InnerRequest request, String failed) {
        return responses.failure(batch, new GraphError(424, "FailedDependency", "Request '" + request.id()
                + "' depends on request '" + failed + "', which failed."), clock.instant());
    }

    /** The inner request as its own function would answer it behind API Gateway. */
    private APIGatewayV2HTTPResponse run(GraphRequest batch, InnerRequest request) {
        String url = request.url();
        if (url.contains("://")) {
            return responses.failure(batch, GraphError.badRequest("Request '" + request.id()
                    + "': the url must be relative to the version, such as /me/presence."), clock.instant());
        }
        int q = url.indexOf('?');
        String path = "/" + batch.apiVersion() + "/" + (q < 0 ? url : url.substring(0, q)).replaceFirst("^/+", "");
        String query = q < 0 ? null : url.substring(q + 1);
        Optional<RouteTable.Match> match = routes.match(request.method(), path);
        if (match.isEmpty()) {
            return ApiGatewayEvents.routeNotFound();
        }
        if (match.get().route().functionClass().equals(BatchFunction.class.getName())) {
            return responses.failure(batch, GraphError.badRequest("A batch cannot contain another batch."),
                    clock.instant());
        }
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request(match.get(), path, query, headers(batch, request),
                body(request), clock.millis());
        event.getRequestContext().setAuthorizer(batch.authorizer());
        return functions.get(match.get().route().functionClass()).execute(event);
    }

    /** The inner request's headers, lower-cased as API Gateway gives them, and where the batch came from. */
    private static Map<String, String> headers(GraphRequest batch, InnerRequest request) {
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        for (String kept : List.of("host", "x-forwarded-proto")) {
            if (batch.header(kept) != null) {
                headers.put(kept, batch.header(kept));
            }
        }
        return headers;
    }

    private String body(InnerRequest request) {
        if (request.body() == null) {
            return null;
        }
        if (request.body().isString()) {
            return request.body().getStringValue();
        }
        try {
            return new String(json.writeValueAsBytes(request.body()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Graph's form of one answer: a JSON body as JSON, any other as text. */
    private Map<String, Object> answer(String id, APIGatewayV2HTTPResponse response) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("status", response.getStatusCode());
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("request-id") && !name.equalsIgnoreCase("client-request-id")) {
                    headers.put(name, value);
                }
            });
        }
        answer.put("headers", headers);
        String body = response.getBody();
        if (body != null) {
            answer.put("body", isJson(headers) ? parse(body) : body);
        }
        return answer;
    }

    private static boolean isJson(Map<String, String> headers) {
        return headers.entrySet().stream().anyMatch(header -> header.getKey().equalsIgnoreCase("content-type")
                && header.getValue().startsWith("application/json"));
    }

    private JsonNode parse(String body) {
        try {
            return json.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
