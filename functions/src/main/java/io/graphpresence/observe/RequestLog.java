package io.graphpresence.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;

/**
 * Ties every log line of one request to it: the ids go into the logging context (MDC) when the
 * request starts, so each line the request writes carries them, and the request ends with one
 * line that adds what is known only then (status, latency, DynamoDB use). A nested request (one
 * inside a batch) gets its own ids and gives the outer one's back when it ends.
 * <p>
 * Never put a token, a message body, a certificate or a notification URL's query here.
 */
public final class RequestLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

    public static final String OPERATION = "operation";
    public static final String REQUEST_ID = "requestId";
    public static final String CLIENT_REQUEST_ID = "clientRequestId";
    /** Lambda's own id of the invocation; set for the whole invocation, see {@link #invocation}. */
    public static final String AWS_REQUEST_ID = "awsRequestId";
    public static final String TRACE_ID = "traceId";
    public static final String TENANT_ID = "tenantId";
    public static final String APP_ID = "appId";
    public static final String STATUS = "status";
    public static final String LATENCY_MS = "latencyMs";
    public static final String DYNAMO_REQUESTS = "dynamoRequests";
    public static final String DYNAMO_CAPACITY = "dynamoCapacityUnits";

    private final Map<String, String> outer;
    private final long startNanos = System.nanoTime();
    private final DynamoUsage.Tally dynamo;

    private RequestLog(Map<String, String> outer) {
        this.outer = outer;
        this.dynamo = DynamoUsage.start();
    }

    /** Marks the invocation Lambda (or the local stack standing in for it) is running on this thread. */
    public static void invocation(String awsRequestId, String traceId) {
        putOrRemove(AWS_REQUEST_ID, awsRequestId);
        putOrRemove(TRACE_ID, traceId);
    }

    /** Starts a request's context; close it when the request has its answer. */
    public static RequestLog start(String operation, String requestId, String clientRequestId) {
        RequestLog log = new RequestLog(MDC.getCopyOfContextMap());
        MDC.remove(TENANT_ID);
        MDC.remove(APP_ID);
        putOrRemove(OPERATION, operation);
        putOrRemove(REQUEST_ID, requestId);
        putOrRemove(CLIENT_REQUEST_ID, clientRequestId);
        return log;
    }

    /** Who is calling, once the authorizer's context has been read. */
    public void caller(String tenantId, String appId) {
        putOrRemove(TENANT_ID, tenantId);
        putOrRemove(APP_ID, appId);
    }

    /** @return how long the request has taken so far, in milliseconds */
    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The request's closing line: its status, latency and what it asked of DynamoDB. */
    public void finished(int status) {
        finished(Integer.toString(status));
    }

    /** The closing line of an invocation that is no HTTP request: its outcome stands for the status. */
    public void finished(String status) {
        MDC.put(STATUS, status);
        MDC.put(LATENCY_MS, Long.toString(elapsedMillis()));
        MDC.put(DYNAMO_REQUESTS, Integer.toString(dynamo.requests()));
        MDC.put(DYNAMO_CAPACITY, Double.toString(dynamo.capacityUnits()));
        LOG.info("request finished");
    }

    /**
     * Runs {@code work} on another thread in the logging context of this one, so what it logs
     * belongs to the same request.
     */
    public static <T> java.util.function.Supplier<T> carried(java.util.function.Supplier<T> work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try {
                return work.get();
            } finally {
                if (before == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(before);
                }
            }
        };
    }

    /** Gives back the logging context the request started in. */
    @Override
    public void close() {
        dynamo.stop();
        if (outer == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(outer);
        }
    }

    private static void putOrRemove(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
