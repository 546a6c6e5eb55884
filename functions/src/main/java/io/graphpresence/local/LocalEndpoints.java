package io.graphpresence.local;

import com.sun.net.httpserver.HttpExchange;
import io.graphpresence.api.GraphError;
import io.graphpresence.api.JsonBody;
import io.graphpresence.observe.Metrics;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The local-only endpoints of the local-stack spec: tokens, their keys, the clock, the event
 * bus, and what an operator would see in CloudWatch: one request's log lines and the metrics.
 */
public final class LocalEndpoints {

    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration MAX_TOKEN_LIFETIME = DevClock.MAX_MOVE;

    private final LocalTokens tokens;
    private final DevClock clock;
    private final JsonMapper json;
    private final Consumer<Instant> clockMoved;
    private final LocalEventBus eventBus;
    private LocalLogs logs;
    private Metrics metrics;

    /** @param clockMoved told the new moment after each move, so it can be kept */
    public LocalEndpoints(LocalTokens tokens, DevClock clock, JsonMapper json, Consumer<Instant> clockMoved,
                          LocalEventBus eventBus) {
        this.tokens = tokens;
        this.clock = clock;
        this.json = json;
        this.clockMoved = clockMoved;
        this.eventBus = eventBus;
    }

    /** Serves {@code /_local/logs} from these lines and {@code /_local/metrics} from these totals. */
    LocalEndpoints observing(LocalLogs logs, Metrics metrics) {
        this.logs = logs;
        this.metrics = metrics;
        return this;
    }

    void handle(HttpExchange exchange, String path, String body) throws IOException {
        String method = exchange.getRequestMethod();
        try {
            switch (method + " " + path) {
                case "POST /_local/token" -> sendJson(exchange, 200, write(token(body)));
                case "GET /_local/jwks.json" -> sendJson(exchange, 200, tokens.jwksJson());
                case "GET /_local/clock" -> sendJson(exchange, 200, write(Map.of("now", clock.instant().toString())));
                case "POST /_local/clock" -> sendJson(exchange, 200, write(Map.of("now", advance(body).toString())));
                case "POST /_local/events" -> sendJson(exchange, 200, write(eventBus.putEvents(JsonBody.parse(json, body, true))));
                case "GET /_local/logs" -> sendJson(exchange, 200, write(requestLines(exchange)));
                case "GET /_local/metrics" -> sendJson(exchange, 200, write(metricTotals()));
                default -> sendJson(exchange, 404, "{\"message\":\"Not Found\"}");
            }
        } catch (GraphError e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", e.code());
            error.put("message", e.getMessage());
            sendJson(exchange, e.status(), write(Map.of("error", error)));
        }
    }

    private List<Map<String, Object>> requestLines(HttpExchange exchange) {
        if (logs == null) {
            throw GraphError.notFound("This stack keeps no log file.");
        }
        String query = exchange.getRequestURI().getRawQuery();
        String requestId = null;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("requestId=")) {
                requestId = URLDecoder.decode(pair.substring("requestId=".length()), StandardCharsets.UTF_8);
            }
        }
        if (requestId == null || requestId.isBlank()) {
            throw GraphError.badRequest("requestId is required: GET /_local/logs?requestId=...");
        }
        return logs.linesOf(requestId, json);
    }

    private Map<String, Map<String, Object>> metricTotals() {
        if (metrics == null) {
            throw GraphError.notFound("This stack keeps no metrics.");
        }
        return metrics.totals();
    }

    private Map<String, Object> token(String body) {
        JsonBody request = JsonBody.parse(json, body, true);
        String tenantId = request.requiredString("tenantId");
        String appId = request.requiredString("appId");
        String userId = request.optionalString("userId");
        Long expiresIn = request.optionalLong("expiresIn");
        if (expiresIn != null && (expiresIn < 1 || expiresIn > MAX_TOKEN_LIFETIME.toSeconds())) {
            throw GraphError.badRequest("expiresIn must be 1.." + MAX_TOKEN_LIFETIME.toSeconds() + " seconds.");
        }
        Duration lifetime = expiresIn == null ? DEFAULT_TOKEN_LIFETIME : Duration.ofSeconds(expiresIn);
        String token = tokens.mint(tenantId, appId, userId, request.optionalStringArray("scopes"),
                request.optionalStringArray("roles"), lifetime);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", lifetime.toSeconds());
        return answer;
    }

    private Instant advance(String body) {
        String advance = JsonBody.parse(json, body, true).requiredString("advance");
        try {
            Instant moved = clock.advance(Duration.parse(advance));
            clockMoved.accept(moved);
            return moved;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw GraphError.badRequest("advance must be an ISO 8601 duration such as PT6M, of at most "
                    + DevClock.MAX_MOVE.toDays() + " days.");
        } catch (IllegalArgumentException e) {
            throw GraphError.badRequest(e.getMessage());
        }
    }

    private String write(Object value) {
        try {
            return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
