package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.graphpresence.access.Caller;
import io.graphpresence.throttle.RateLimiter;
import io.graphpresence.throttle.ThrottleFamily;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import org.crac.Core;

import java.time.Clock;

/**
 * What every Graph operation's function does around its own work: take the caller from the
 * authorizer's context (the token was checked before the function ran), run the operation,
 * and answer with Graph's headers, or Graph's error for whatever went wrong. Dependencies are
 * looked up once, when the function starts.
 */
public abstract class GraphFunction extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    protected final Clock clock = bean(Clock.class);
    protected final JsonMapper json = bean(JsonMapper.class);
    private final GraphResponses responses = bean(GraphResponses.class);
    private final RateLimiter rateLimiter = bean(RateLimiter.class);
    // held here because CRaC keeps only a weak reference to what it runs before the snapshot
    private final SnapStartPriming priming;

    /** Used by AWS Lambda: starts its own application context, and primes it before a SnapStart snapshot. */
    protected GraphFunction() {
        priming = new SnapStartPriming(this);
        Core.getGlobalContext().register(priming);
    }

    /** Used by the local stack and tests: shares one application context. */
    protected GraphFunction(ApplicationContext context) {
        super(context);
        priming = null;
    }

    @Override
    public final APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        GraphRequest request = new GraphRequest(event);
        try {
            Caller caller = AuthorizerContext.caller(event);
            AuthorizerContext.requireUnexpired(event, clock.instant());
            ThrottleFamily family = family(request);
            // SnapStart's priming is no client: it counts against no one, so it writes no counter either
            if (family != null && !SnapStartPriming.TENANT.equals(caller.tenantId())) {
                rateLimiter.acquire(caller.tenantId(), caller.appId(), family, clock.instant());
            }
            // whatever the route, a body it carries must be one well-formed JSON value within the limits
            request.readJson(json);
            return responses.success(request, handle(request, caller));
        } catch (RuntimeException failure) {
            return responses.failure(request, failure, clock.instant());
        }
    }

    protected abstract GraphResponse handle(GraphRequest request, Caller caller);

    /**
     * Which of the caller's limits this call counts against, or null for none: reads for GET,
     * writes for any other method, unless the operation says otherwise.
     */
    protected ThrottleFamily family(GraphRequest request) {
        return "GET".equals(request.method()) ? ThrottleFamily.READS : ThrottleFamily.WRITES;
    }

    protected final <T> T bean(Class<T> type) {
        return getApplicationContext().getBean(type);
    }

    /** The request's JSON body, which must be there. */
    protected final JsonBody body(GraphRequest request) {
        return request.json(true);
    }
}
