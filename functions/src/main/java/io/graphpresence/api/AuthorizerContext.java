package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.graphpresence.access.Caller;
import io.graphpresence.access.InvalidTokenException;
import io.graphpresence.access.TokenVerifier;
import io.graphpresence.limits.InputLimits;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims the authorizer hands to every function through API Gateway's authorizer
 * context: flat strings, lists joined by spaces. Functions trust nothing else about the caller.
 */
public final class AuthorizerContext {

    private static final java.util.regex.Pattern APP_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1," + InputLimits.MAX_ID + "}");
    /** What separates scopes and roles; compiled once (String.split compiles it on every call). */
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private AuthorizerContext() {
    }

    public static Map<String, String> of(Caller caller) {
        Map<String, String> context = new HashMap<>();
        context.put("tid", caller.tenantId());
        context.put("appId", caller.appId());
        if (caller.userId() != null) {
            context.put("oid", caller.userId());
        }
        context.put("scp", String.join(" ", caller.scopes()));
        context.put("roles", String.join(" ", caller.roles()));
        return context;
    }

    /** The context of a verified token: its claims, and when it expires (epoch seconds). */
    public static Map<String, String> of(Caller caller, java.time.Instant expiresAt) {
        Map<String, String> context = of(caller);
        if (expiresAt != null) {
            context.put("exp", Long.toString(expiresAt.getEpochSecond()));
        }
        return context;
    }

    /** When the caller's token expires, or null when the authorizer did not say. */
    public static java.time.Instant tokenExpiry(APIGatewayV2HTTPEvent event) {
        Map<String, Object> lambda = lambda(event);
        Object exp = lambda == null ? null : lambda.get("exp");
        return exp == null ? null : java.time.Instant.ofEpochSecond(Long.parseLong(exp.toString()));
    }

    /**
     * API Gateway may reuse an authorizer's answer for as long as its results cache keeps it
     * (5 minutes): a token must not outlive its {@code exp} that way, beyond the skew the
     * authorizer itself allows.
     */
    public static void requireUnexpired(APIGatewayV2HTTPEvent event, java.time.Instant now) {
        java.time.Instant expiry = tokenExpiry(event);
        if (expiry != null && now.isAfter(expiry.plus(TokenVerifier.MAX_CLOCK_SKEW))) {
            throw new InvalidTokenException("Lifetime validation failed, the token is expired.");
        }
    }

    public static Caller caller(APIGatewayV2HTTPEvent event) {
        Map<String, Object> lambda = lambda(event);
        if (lambda == null || lambda.get("tid") == null || lambda.get("appId") == null) {
            throw new InvalidTokenException("The request did not come through the token authorizer.");
        }
        Object oid = lambda.get("oid");
        String appId = (String) lambda.get("appId");
        if (!APP_ID.matcher(appId).matches()) {
            // it names the caller's session and its subscriptions' partition: kept to what a key can hold
            throw GraphError.badRequest("The token's application id must be 1 to " + InputLimits.MAX_ID
                    + " letters, digits, '.', ':', '_' or '-'.");
        }
        return new Caller((String) lambda.get("tid"), oid == null ? null : (String) oid, appId,
                words(lambda.get("scp")), words(lambda.get("roles")));
    }

    /** What the Lambda authorizer put in the request's context, or null when it did not run. */
    private static Map<String, Object> lambda(APIGatewayV2HTTPEvent event) {
        var requestContext = event.getRequestContext();
        return requestContext == null || requestContext.getAuthorizer() == null
                ? null : requestContext.getAuthorizer().getLambda();
    }

    private static Set<String> words(Object joined) {
        if (joined == null || ((String) joined).isBlank()) {
            return Set.of();
        }
        return Set.copyOf(List.of(WHITESPACE.split(((String) joined).trim())));
    }
}
