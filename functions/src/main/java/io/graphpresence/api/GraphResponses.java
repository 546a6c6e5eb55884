package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.graphpresence.access.AccessDeniedException;
import io.graphpresence.access.InvalidTokenException;
import io.graphpresence.directory.ConflictException;
import io.graphpresence.directory.OtherTenantException;
import io.graphpresence.directory.TenantNotFoundException;
import io.graphpresence.directory.UserNotFoundException;
import io.graphpresence.notify.DuplicateSubscriptionException;
import io.graphpresence.notify.InvalidSubscriptionException;
import io.graphpresence.notify.QuotaExceededException;
import io.graphpresence.notify.SubscriptionNotFoundException;
import io.graphpresence.presence.InvalidPresenceException;
import io.graphpresence.presence.SessionNotFoundException;
import io.graphpresence.store.StoreRefusedException;
import io.graphpresence.store.StoreUnavailableException;
import io.graphpresence.throttle.TooManyRequestsException;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns handler results and failures into API Gateway responses with Graph's headers and error body. */
public final class GraphResponses {

    private static final Logger LOG = LoggerFactory.getLogger(GraphResponses.class);
    static final String RETRY_AFTER_SECONDS = "5";
    private static final DateTimeFormatter ERROR_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final JsonMapper json;

    public GraphResponses(JsonMapper json) {
        this.json = json;
    }

    public APIGatewayV2HTTPResponse success(GraphRequest request, GraphResponse response) {
        Map<String, String> headers = headers(request);
        String body = null;
        if (response.body() != null) {
            headers.put("content-type", "application/json; odata.metadata=minimal");
            body = write(response.body());
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status())
                .withHeaders(headers).withBody(body).build();
    }

    public APIGatewayV2HTTPResponse failure(GraphRequest request, Throwable failure, Instant now) {
        GraphError error = classify(failure);
        Map<String, String> headers = headers(request);
        headers.put("content-type", "application/json");
        if (failure instanceof TooManyRequestsException throttled) {
            headers.put("retry-after", Long.toString(throttled.retryAfterSeconds()));
        } else if (error.status() == 503 || error.status() == 429) {
            headers.put("retry-after", RETRY_AFTER_SECONDS);
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("date", ERROR_DATE.format(now.truncatedTo(ChronoUnit.SECONDS)));
        inner.put("request-id", request.requestId());
        inner.put("client-request-id", request.clientRequestId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        body.put("innerError", inner);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(error.status())
                .withHeaders(headers).withBody(write(Map.of("error", body))).build();
    }

    private static GraphError classify(Throwable failure) {
        if (failure instanceof GraphError graph) {
            return graph;
        }
        if (failure instanceof InvalidTokenException) {
            return new GraphError(401, "InvalidAuthenticationToken", failure.getMessage());
        }
        if (failure instanceof AccessDeniedException || failure instanceof OtherTenantException) {
            return new GraphError(403, "Forbidden", failure.getMessage());
        }
        if (failure instanceof InvalidPresenceException || failure instanceof InvalidSubscriptionException) {
            return GraphError.invalidArgument(failure.getMessage());
        }
        if (failure instanceof StoreRefusedException) {
            LOG.warn("Storage refused a request's data: {}", failure.getMessage());
            return GraphError.badRequest(failure.getMessage());
        }
        if (failure instanceof DuplicateSubscriptionException) {
            return new GraphError(409, "ExtensionError", failure.getMessage());
        }
        if (failure instanceof QuotaExceededException) {
            // Graph answers a subscription limit with 403 and says which limit in the message
            return new GraphError(403, "ExtensionError", failure.getMessage());
        }
        if (failure instanceof TooManyRequestsException) {
            return new GraphError(429, "TooManyRequests", failure.getMessage());
        }
        if (failure instanceof ConflictException) {
            return new GraphError(409, "Conflict", failure.getMessage());
        }
        if (failure instanceof UserNotFoundException || failure instanceof SessionNotFoundException
                || failure instanceof TenantNotFoundException || failure instanceof SubscriptionNotFoundException) {
            return GraphError.notFound(failure.getMessage());
        }
        if (failure instanceof StoreUnavailableException) {
            LOG.warn("Storage unavailable: {}", failure.toString());
            return new GraphError(503, "ServiceUnavailable",
                    "The service is temporarily unavailable; nothing was changed. Retry after the given delay.");
        }
        LOG.error("Unexpected failure", failure);
        return new GraphError(500, "InternalServerError", "An unexpected error occurred.");
    }

    private static Map<String, String> headers(GraphRequest request) {
        Map<String, String> headers = new HashMap<>();
        headers.put("request-id", request.requestId());
        headers.put("client-request-id", request.clientRequestId());
        return headers;
    }

    private String write(Object body) {
        try {
            return new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
