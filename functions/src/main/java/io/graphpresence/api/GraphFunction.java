package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.graphpresence.access.Caller;
import io.graphpresence.observe.MetricLine;
import io.graphpresence.observe.Metrics;
import io.graphpresence.observe.RequestLog;
import io.graphpresence.throttle.RateLimiter;
import io.graphpresence.throttle.ThrottleFamily;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
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

    /** The environments Lambda's own context builder names. */
    static final String[] LAMBDA_ENVIRONMENTS = {"function", "lambda"};

    protected final Clock clock = bean(Clock.class);
    protected final JsonMapper json = bean(JsonMapper.class);
    private final GraphResponses responses = bean(GraphResponses.class);
    private final RateLimiter rateLimiter = bean(RateLimiter.class);
    private final Metrics metrics = bean(Metrics.class);
    /** What logs and metrics call this operation: the class name without "Function". */
    private final String operation = getClass().getSimpleName().replaceFirst("Function$", "");
    // held here because CRaC keeps only a weak reference to what it runs before the snapshot
    private final SnapStartPriming priming;

    /** Used by AWS Lambda: starts its own application context, and primes it before a SnapStart snapshot. */
    protected GraphFunction() {
        priming = new SnapStartPriming(this);
        Core.getGlobalContext().register(priming);
    }

    /**
     * Lambda's builder creates every singleton at start; an API function needs a handful (its
     * store, the clock, the JSON mapper, the responses, the limiter, the metrics). The rest (the
     * token verifier's Nimbus, the SQS client of the timers, the webhook client) cost a
     * GetPresenceFunction cold start 385 of its 6,709 classes, and are made only if asked for.
     * Before a SnapStart snapshot the priming requests make whatever the path needs, so a
     * restored function loses nothing by this.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        // LambdaApplicationContextBuilder's environments without its eager init, which
        // eagerInitSingletons(false) cannot undo (it only ever adds)
        return ApplicationContext.builder().environments(LAMBDA_ENVIRONMENTS);
    }

    /** Used by the local stack and tests: shares one application context. */
    protected GraphFunction(ApplicationContext context) {
        super(context);
        priming = null;
    }

    @Override
    public final APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        GraphRequest request = new GraphRequest(event);
        try (RequestLog log = RequestLog.start(operation, request.requestId(), request.clientRequestId())) {
            APIGatewayV2HTTPResponse response = answer(event, request, log);
            int status = response.getStatusCode();
            log.finished(status);
            metrics.emit(MetricLine.of().dimension("Operation", operation).alsoAggregate()
                    .count("Requests", 1).millis("Latency", log.elapsedMillis())
                    .count("Http4xx", status / 100 == 4 ? 1 : 0).count("Http5xx", status / 100 == 5 ? 1 : 0)
                    .count("Http429", status == 429 ? 1 : 0));
            return response;
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, GraphRequest request, RequestLog log) {
        try {
            Caller caller = AuthorizerContext.caller(event);
            log.caller(caller.tenantId(), caller.appId());
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
