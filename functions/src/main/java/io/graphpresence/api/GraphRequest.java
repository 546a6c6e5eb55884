package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.directory.DirectoryIds;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The parts of an API Gateway (payload 2.0) request that a Graph handler reads. */
public final class GraphRequest {

    private final APIGatewayV2HTTPEvent event;
    private final String requestId;
    private JsonBody json;

    public GraphRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        this.requestId = requestId(event);
    }

    /**
     * API Gateway's id of the request where there is one, so the id a client quotes from an
     * error finds API Gateway's access log and our log lines alike; a fresh one otherwise.
     */
    private static String requestId(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String gateway = context == null ? null : context.getRequestId();
        return gateway == null || gateway.isBlank() ? UUID.randomUUID().toString() : gateway;
    }

    public String requestId() {
        return requestId;
    }

    /** Echoed as the client sent it; like Graph, the request id stands in when it sent none. */
    public String clientRequestId() {
        String sent = header("client-request-id");
        return sent != null ? sent : requestId;
    }

    /** API Gateway lower-cases header names in payload 2.0. */
    public String header(String lowerCaseName) {
        Map<String, String> headers = event.getHeaders();
        return headers == null ? null : headers.get(lowerCaseName);
    }

    public String query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? null : query.get(name);
    }

    public String body() {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw GraphError.badRequest("The request body is not valid base64.");
            }
        }
        return body;
    }

    /** Reads the body as JSON once, with the limits of {@link JsonBody#request}; no body reads as {@code {}}. */
    void readJson(io.micronaut.json.JsonMapper mapper) {
        json = JsonBody.request(mapper, body(), false);
    }

    /** The body read by {@link #readJson}; @param required whether a missing body is a 400 */
    public JsonBody json(boolean required) {
        if (required && (body() == null || body().isBlank())) {
            throw GraphError.badRequest("A JSON request body is required.");
        }
        return json;
    }

    /** What the authorizer said of the caller, as API Gateway passed it on. */
    public APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getAuthorizer();
    }

    /** When the caller's token expires, as the authorizer found it; null when unknown. */
    public java.time.Instant tokenExpiresAt() {
        return AuthorizerContext.tokenExpiry(event);
    }

    /** The HTTP method, in upper case, from the route that matched. */
    public String method() {
        String routeKey = event.getRouteKey();
        if (routeKey != null && routeKey.indexOf(' ') > 0) {
            return routeKey.substring(0, routeKey.indexOf(' ')).toUpperCase(Locale.ROOT);
        }
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? "" : context.getHttp().getMethod().toUpperCase(Locale.ROOT);
    }

    /** {@code v1.0} or {@code beta}, from the route that matched. */
    public String apiVersion() {
        return routePath().startsWith("/beta/") ? "beta" : "v1.0";
    }

    /** True for the {@code /communications/presences/{id}} form of a path. */
    public boolean isCommunicationsPath() {
        return routePath().contains("/communications/");
    }

    /** Where links in responses point: the host the client called, under the same version. */
    public String serviceRoot() {
        String proto = header("x-forwarded-proto");
        String host = event.getRequestContext() != null ? event.getRequestContext().getDomainName() : null;
        if (host == null) {
            host = header("host");
        }
        return (proto == null ? "https" : proto) + "://" + host + "/" + apiVersion();
    }

    /**
     * The user a presence path names: the signed-in user for {@code /me}, otherwise the
     * URL-decoded {@code {id}}, which must be a GUID.
     */
    public String targetUser(Caller caller) {
        String id = pathParameter("id");
        if (id == null) {
            PresencePermissions.requireDelegatedForMe(caller);
            return normalizedUserId(caller.userId());
        }
        return normalizedUserId(id);
    }

    /** Whether the path is {@code /me}: the signed-in user rather than an id. */
    public boolean isMe() {
        return pathParameter("id") == null;
    }

    /** A path parameter, URL-decoded, or null when the route has none by that name. */
    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String raw = params == null ? null : params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GraphError.badRequest("The path holds an invalid percent-encoding.");
        }
    }

    /** A GUID path parameter such as {@code {tenantId}}, URL-decoded and in lower case. */
    public String guidParameter(String name) {
        return normalizedUserId(pathParameter(name));
    }

    /** Graph user ids are GUIDs; we keep them in lower case. */
    public static String normalizedUserId(String id) {
        String normalized = DirectoryIds.normalized(id);
        if (normalized == null) {
            throw GraphError.badRequest("Invalid id '" + id + "': user and tenant ids are GUIDs.");
        }
        return normalized;
    }

    private String routePath() {
        String routeKey = event.getRouteKey();
        if (routeKey != null && routeKey.indexOf(' ') > 0) {
            return routeKey.substring(routeKey.indexOf(' ') + 1);
        }
        return event.getRawPath() == null ? "" : event.getRawPath();
    }
}
