package io.graphpresence.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.HashMap;
import java.util.Map;

/**
 * The payload 2.0 events API Gateway hands a function once its authorizer allowed the call:
 * the benchmark replays them straight into the function, as a warm Lambda receives them.
 */
final class Events {

    /**
     * Settings for the benchmarks that measure something else than throttling (throughput,
     * notifications): they call far more than Graph's limits allow one application.
     */
    static final Map<String, Object> UNTHROTTLED = Map.of("presence.throttle.enabled", false);

    private Events() {
    }

    static APIGatewayV2HTTPEvent event(String method, String routePath, String rawPath, String userId, String body,
                                       Map<String, String> authorizerContext) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath)
                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(method + " " + routePath)
                .withStage("$default").withRequestId("bench").withDomainName("bench.example.com").withHttp(http)
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withLambda(new HashMap<>(authorizerContext)).build())
                .build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + routePath)
                .withRawPath(rawPath).withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json", "host", "bench.example.com"))
                .withPathParameters(userId == null ? null : Map.of("id", userId))
                .withBody(body).withIsBase64Encoded(false).withRequestContext(context).build();
    }
}
