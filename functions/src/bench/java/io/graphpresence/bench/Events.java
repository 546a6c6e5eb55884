package io.graphpresence.bench;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of the payload 2.0 event API Gateway's HTTP API hands a function once its Lambda
 * authorizer allowed the call, field for field as AWS documents it: the benchmark replays these
 * bytes through the path the Lambda runtime takes, so parsing the event is part of what it measures.
 */
final class Events {

    /**
     * Settings for the benchmarks that measure something else than throttling (throughput,
     * notifications): they call far more than Graph's limits allow one application.
     */
    static final Map<String, Object> UNTHROTTLED = Map.of("presence.throttle.enabled", false);

    private Events() {
    }

    /** @param userId the {@code {id}} path parameter, or null on a route without one */
    static byte[] event(JsonMapper json, String method, String routePath, String rawPath, String userId, String body,
                        String token, Map<String, String> authorizerContext) {
        String routeKey = method + " " + routePath;
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        headers.put("authorization", "Bearer " + token);
        headers.put("content-length", Integer.toString(body == null ? 0 : body.length()));
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        headers.put("host", "abcd1234.execute-api.eu-west-1.amazonaws.com");
        headers.put("user-agent", "Java-http-client/17");
        headers.put("x-amzn-trace-id", "Root=1-67891233-abcdef012345678912345678");
        headers.put("x-forwarded-for", "203.0.113.10");
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.10");
        http.put("userAgent", "Java-http-client/17");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "123456789012");
        context.put("apiId", "abcd1234");
        context.put("authorizer", Map.of("lambda", authorizerContext));
        context.put("domainName", "abcd1234.execute-api.eu-west-1.amazonaws.com");
        context.put("domainPrefix", "abcd1234");
        context.put("http", http);
        context.put("requestId", "JKJaXmPLvHcESHA=");
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", "02/Dec/2026:05:00:00 +0000");
        context.put("timeEpoch", 1_796_187_600_000L);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", "");
        event.put("headers", headers);
        event.put("requestContext", context);
        if (userId != null) {
            event.put("pathParameters", Map.of("id", userId));
        }
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        try {
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
