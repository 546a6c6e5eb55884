package io.graphpresence.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * Ties every log line of one request to it: the ids go into the logging context (MDC) when the
 * request starts, so each line the request writes carries them; the lines are held until the
 * request ends ({@link RequestLines}) and then written with what is known only then (status,
 * latency, DynamoDB use), after a closing line of their own. A nested request (one inside a
 * batch) gets its own ids and lines, and gives the outer one's back when it ends.
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

    /**
     * The most of a client's {@code client-request-id} a line carries. Graph's is a GUID; the
     * header is the caller's to fill, and every line of the request repeats it, so an unbounded
     * one let any caller multiply the service's log volume (API Gateway allows 10 KB of headers).
     */
    static final int MAX_CLIENT_REQUEST_ID_CHARS = 128;

    /** The status of a request that ended with an exception instead of an answer. */
    public static final String NO_ANSWER = "error";

    /** The keys a request sets in the logging context; only they are given back at its end. */
    private static final String[] REQUEST_KEYS = {OPERATION, REQUEST_ID, CLIENT_REQUEST_ID, TENANT_ID, APP_ID};

    /** The outer context's values of {@link #REQUEST_KEYS}, in their order (null where it had none). */
    private final String[] outer;
    private final RequestLines outerLines;
    private final long startNanos = System.nanoTime();
    private final DynamoUsage.Tally dynamo;
    private final RequestLines lines;
    private Map<String, String> closingFields;
    /** Whether this request gathers what it writes from its closing line on, to write it in one call. */
    private boolean gathering;

    private RequestLog(String[] outer) {
        this.outer = outer;
        this.outerLines = RequestLines.current();
        this.dynamo = DynamoUsage.start();
        this.lines = RequestLines.start(this::fieldsSoFar);
    }

    /** Marks the invocation Lambda (or the local stack standing in for it) is running on this thread. */
    public static void invocation(String awsRequestId, String traceId) {
        putOrRemove(AWS_REQUEST_ID, awsRequestId);
        putOrRemove(TRACE_ID, traceId);
    }

    /** Starts a request's context; close it when the request has its answer. */
    public static RequestLog start(String operation, String requestId, String clientRequestId) {
        // only the keys set here are saved and given back: nothing else changes the context
        // during a request (Micronaut's and the invocation's keys are set around it)
        String[] outer = new String[REQUEST_KEYS.length];
        for (int i = 0; i < outer.length; i++) {
            outer[i] = MDC.get(REQUEST_KEYS[i]);
        }
        RequestLog log = new RequestLog(outer);
        MDC.remove(TENANT_ID);
        MDC.remove(APP_ID);
        putOrRemove(OPERATION, operation);
        putOrRemove(REQUEST_ID, requestId);
        putOrRemove(CLIENT_REQUEST_ID, bounded(clientRequestId));
        return log;
    }

    /** The id as sent when short enough, else its start and how many characters were left out. */
    static String bounded(String clientRequestId) {
        if (clientRequestId == null || clientRequestId.length() <= MAX_CLIENT_REQUEST_ID_CHARS) {
            return clientRequestId;
        }
        return clientRequestId.substring(0, MAX_CLIENT_REQUEST_ID_CHARS) + "...(+"
                + (clientRequestId.length() - MAX_CLIENT_REQUEST_ID_CHARS) + " chars)";
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
        finishedQuietly(status);
        LOG.info("request finished");
    }

    /**
     * The end of an invocation with nothing worth a closing line (a schedule run with nothing
     * due): any line it did write still gets the status.
     */
    public void finishedQuietly(String status) {
        closingFields = fieldsSoFar();
        closingFields.put(STATUS, status);
        // what is written from here to the end (the closing and held lines, the metrics line) goes out in one call
        gathering |= StandardOutput.startGathering();
    }

    /** Latency and DynamoDB use up to now. */
    private Map<String, String> fieldsSoFar() {
        Map<String, String> fields = new HashMap<>(8);
        fields.put(LATENCY_MS, Long.toString(elapsedMillis()));
        fields.put(DYNAMO_REQUESTS, Integer.toString(dynamo.requests()));
        fields.put(DYNAMO_CAPACITY, Double.toString(dynamo.capacityUnits()));
        return fields;
    }

    /**
     * Runs {@code work} on another thread in the logging context of this one, so what it logs
     * belongs to the same request.
     */
    public static <T> java.util.function.Supplier<T> carried(java.util.function.Supplier<T> work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        RequestLines request = RequestLines.current();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            RequestLines linesBefore = RequestLines.current();
            RequestLines.makeCurrent(request);
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try {
                return work.get();
            } finally {
                RequestLines.makeCurrent(linesBefore);
                if (before == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(before);
                }
            }
        };
    }

    /**
     * Writes the request's lines with its closing fields (a request that ended with an exception
     * gets a closing line and the status {@value #NO_ANSWER}), and gives back the logging context
     * it started in.
     */
    @Override
    public void close() {
        try {
            if (closingFields == null) {
                closingFields = fieldsSoFar();
                closingFields.put(STATUS, NO_ANSWER);
                gathering |= StandardOutput.startGathering();
                LOG.warn("request ended without an answer");
            }
            lines.end(closingFields);
        } finally {
            if (gathering) {
                StandardOutput.writeGathered();
            }
            RequestLines.makeCurrent(outerLines);
            restore();
        }
    }

    private void restore() {
        dynamo.stop();
        for (int i = 0; i < outer.length; i++) {
            putOrRemove(REQUEST_KEYS[i], outer[i]);
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
