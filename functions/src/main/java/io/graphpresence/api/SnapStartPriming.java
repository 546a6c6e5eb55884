package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.graphpresence.access.Caller;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.presence.Activity;
import io.graphpresence.presence.Availability;
import io.graphpresence.presence.PresenceAggregator;
import io.graphpresence.presence.PresencePair;
import io.graphpresence.presence.PresenceState;
import io.graphpresence.presence.Session;
import io.graphpresence.store.UserRecord;
import org.crac.Context;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * SnapStart's priming hook. Before Lambda snapshots an initialized function, it answers a
 * representative request of that function {@value #REQUESTS} times the way the Lambda runtime
 * would (the event's JSON through the jar's serializer, the function, the response's JSON
 * back), and renders a presence, so the restored function has already loaded and compiled the
 * path, connected and signed with the DynamoDB client, and built the serializers its first
 * request needs.
 *
 * <p>Nothing user-visible is written: the request comes from a caller of a tenant that does
 * not exist, about a user that does not exist, and holds only the presence roles. Every
 * presence write is conditional on the user's item existing, so it ends as Graph's 404;
 * every other operation ends at the permission check.
 */
public final class SnapStartPriming implements Resource {

    static final String TENANT = "00000000-0000-4000-8000-00000000c0de";
    static final String USER = "00000000-0000-4000-8000-0000000000ff";
    static final String APP = "00000000-0000-4000-8000-00000000a999";
    /** A valid body per operation, so the request goes past validation to the table. */
    private static final Map<String, String> BODIES = Map.of(
            "setPresence", "{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\","
                    + "\"expirationDuration\":\"PT5M\"}",
            "clearPresence", "{\"sessionId\":\"" + APP + "\"}",
            "setUserPreferredPresence", "{\"availability\":\"Busy\",\"activity\":\"Busy\"}",
            "setStatusMessage", "{\"statusMessage\":{\"message\":{\"content\":\"priming\",\"contentType\":\"text\"}}}",
            "getPresencesByUserId", "{\"ids\":[\"" + USER + "\"]}");

    /**
     * How many times the representative request runs: Lambda's JVM compiles a method (first tier
     * only) after some hundreds of calls, and the first real request pays for every method still
     * interpreted. Each costs a few milliseconds before the snapshot, none after it.
     */
    static final int REQUESTS = 50;

    private final GraphFunction function;
    private final int requests;

    public SnapStartPriming(GraphFunction function) {
        this(function, REQUESTS);
    }

    /** @param requests how many times the representative request runs (tests need only the same request twice) */
    SnapStartPriming(GraphFunction function, int requests) {
        this.function = function;
        this.requests = requests;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (int i = 0; i < requests; i++) {
            prime();
        }
        renderPresence();
    }

    /**
     * A presence as a read renders it and answers it in JSON: a user of the priming tenant with a
     * live session, through the aggregator and the presence JSON. The priming requests cannot
     * get there (their user does not exist, and nothing may be written to make one), and without
     * it the first real read loaded and ran that path cold. Nothing is read or written.
     */
    String renderPresence() {
        Instant now = function.clock.instant();
        PresenceState state = new PresenceState(List.of(Session.fromApplication(APP,
                new PresencePair(Availability.Busy, Activity.InACall), now, Duration.ofMinutes(5))), null, null, 1, now);
        UserRecord user = new UserRecord(new DirectoryUser(USER, TENANT, "priming@invalid", "priming"), state, null);
        Caller owner = new Caller(TENANT, USER, APP, Set.of(), Set.of());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", "priming");
        json.putAll(PresenceReads.asSeenBy(owner, user, PresenceAggregator.view(state, now), null));
        try {
            return function.json.writeValueAsString(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The representative request, through the serializer the runtime uses; its response as the function gave it. */
    APIGatewayV2HTTPResponse prime() {
        CustomPojoSerializer serializer = ServiceLoader.load(CustomPojoSerializer.class,
                function.getClass().getClassLoader()).findFirst().orElseThrow();
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        serializer.toJson(event(), event, APIGatewayV2HTTPEvent.class);
        APIGatewayV2HTTPEvent parsed = serializer.fromJson(new ByteArrayInputStream(event.toByteArray()),
                APIGatewayV2HTTPEvent.class);
        APIGatewayV2HTTPResponse response = function.handleRequest(parsed, null);
        serializer.toJson(response, new ByteArrayOutputStream(), APIGatewayV2HTTPResponse.class);
        return response;
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to undo: priming keeps no state
    }

    /** The function's first route (one naming a user where it has one), as API Gateway delivers it. */
    APIGatewayV2HTTPEvent event() {
        Routes.Route route = Routes.all(function.json).stream()
                .filter(r -> r.functionClass().equals(function.getClass().getName()))
                .min(Comparator.comparing((Routes.Route r) -> !r.path().contains("{id}")))
                .orElseThrow(() -> new IllegalStateException("No route serves " + function.getClass().getName()));
        String rawPath = route.path().replace("{id}", USER);
        String operation = rawPath.substring(rawPath.lastIndexOf('/') + 1);
        boolean hasBody = !route.method().equals("GET") && !route.method().equals("DELETE");
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(route.method()).withPath(rawPath)
                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build();
        Map<String, Object> authorizer = new HashMap<>(AuthorizerContext.of(new Caller(TENANT, null, APP, Set.of(),
                Set.of("Presence.Read.All", "Presence.ReadWrite.All"))));
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(route.routeKey())
                .withStage("$default").withRequestId("snapstart-priming").withHttp(http)
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(authorizer).build())
                .build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(route.routeKey()).withRawPath(rawPath)
                .withRawQueryString("").withHeaders(Map.of("content-type", "application/json"))
                .withPathParameters(route.path().contains("{id}") ? Map.of("id", USER) : null)
                .withBody(hasBody ? BODIES.getOrDefault(operation, "{}") : null).withIsBase64Encoded(false)
                .withRequestContext(context).build();
    }
}
