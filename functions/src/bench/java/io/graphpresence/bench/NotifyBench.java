package io.graphpresence.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.delivery.PresenceScheduleFunction;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import io.graphpresence.store.DueIndex;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static io.graphpresence.local.FunctionHarness.MEGAN;

/**
 * Change notifications: how soon a change reaches a subscriber on the local stack (real clock,
 * stream poller and schedule running), how long one change takes to reach 1,000 and 10,000
 * subscribers, each on its own port,
 * and what one schedule run costs with many users of whom few are due.
 */
final class NotifyBench {

    static final int CHANGES = 200;
    // the first changes warm the stream poller, the dispatcher and the HTTP clients: not measured
    static final int WARMUP = 10;
    static final double P50_TARGET_MS = 1000;
    static final double P99_TARGET_MS = 2000;
    static final int FAN_OUT = 1000;
    static final int FAN_OUT_10K = 10_000;
    // Graph's quota: 1,000 subscriptions an application (docs/limits.md)
    static final int PER_APPLICATION = 1000;
    // each subscription waits for its validation handshake; a few at once, as several clients would
    static final int SUBSCRIBE_THREADS = 8;
    static final int SCHEDULE_USERS = 100_000;
    static final int FEW_USERS = 1_000;
    static final int DUE = 100;
    static final double SEED_SECONDS_LIMIT = 60;
    private static final Duration ARRIVES = Duration.ofSeconds(10);
    private static final Duration FAN_OUT_DEADLINE = Duration.ofSeconds(60);
    private static final Duration FAN_OUT_10K_DEADLINE = Duration.ofSeconds(300);
    private static final String[] BUSY = {"Busy", "InACall"};
    private static final String[] AVAILABLE = {"Available", "Available"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.createDefault();

    /** {@code -Dbench.notify=fanOut10k} (any of {@value #PARTS}) runs only those parts. */
    static final String PARTS = "latency,fanOut,fanOut10k,scheduleCost";

    Map<String, Object> run() throws Exception {
        Set<String> parts = Set.of(System.getProperty("bench.notify", PARTS).split(","));
        Map<String, Object> results = new LinkedHashMap<>();
        // first: after the 10,000-subscription fan-out, DynamoDB Local in this JVM wrote about 23 items a
        // second (1,100 users in 47 s against 1 s before it), and 100,000 users would take an hour
        if (parts.contains("scheduleCost")) {
            results.put("scheduleCost", scheduleCost());
        }
        // the real, ticking clock: latency includes the poller's and the schedule's real timing
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null, Events.UNTHROTTLED))) {
            if (parts.contains("latency")) {
                results.put("latency", latency(stack));
            }
            if (parts.contains("fanOut")) {
                results.put("fanOut", fanOut(stack));
            }
            if (parts.contains("fanOut10k")) {
                results.put("fanOut10k", fanOut10k(stack));
            }
        }
        return results;
    }

    // ---- latency ------------------------------------------------------------------------

    /** One subscription, changes one after another: setPresence answered to notification received. */
    private Map<String, Object> latency(LocalStack stack) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            expect(201, subscribe(stack, receiver.url("/hook"), ADELE));
            receiver.drain(Duration.ofMillis(500));
            long[] nanos = new long[CHANGES];
            int stale = 0;
            int missing = 0;
            for (int i = -WARMUP; i < CHANGES; i++) {
                // alternating pairs, so every change is one readers see
                String[] pair = Math.floorMod(i, 2) == 0 ? BUSY : AVAILABLE;
                expect(200, setPresence(stack, ADELE, pair));
                long answered = System.nanoTime();
                Arrival arrival = awaitCurrent(stack, receiver, ADELE, answered + ARRIVES.toNanos());
                if (i < 0) {
                    continue;
                }
                if (i % 50 == 0) {
                    // a long run shows where it is
                    System.out.println("[bench] notify latency change " + i + ": "
                            + (arrival == null ? "none" : (arrival.atNanos() - answered) / 1_000_000 + " ms"));
                }
                if (arrival == null) {
                    // counted apart, and as the whole wait, so a lost notification cannot flatter p99
                    missing++;
                    nanos[i] = ARRIVES.toNanos();
                } else {
                    nanos[i] = arrival.atNanos() - answered;
                    stale += arrival.stale();
                }
            }
            return latencyRow(nanos, stale, missing);
        }
    }

    private static Map<String, Object> latencyRow(long[] nanos, int stale, int missing) {
        Stats stats = Stats.of(nanos);
        long max = java.util.Arrays.stream(nanos).max().orElse(0);
        boolean p50 = stats.medianMs() < P50_TARGET_MS;
        boolean p99 = stats.p99Ms() < P99_TARGET_MS && missing == 0;
        return WarmBench.row("count", nanos.length, "warmup", WARMUP, "p50Ms", Stats.round(stats.medianMs()),
                "p99Ms", Stats.round(stats.p99Ms()), "maxMs", Stats.round(max / 1e6), "missing", missing,
                "staleNotifications", stale, "targetP50Ms", P50_TARGET_MS, "targetP99Ms", P99_TARGET_MS,
                "p50MeetsTarget", p50, "p99MeetsTarget", p99, "meetsTarget", p50 && p99);
    }

    /** When a notification arrived, and how many of that user's came before it with an older sequence number. */
    private record Arrival(long atNanos, int stale) {
    }

    /**
     * Waits for the next notification of {@code user}; the sequence number a read shows is
     * asked only once one arrived, so the read adds nothing to the time measured.
     */
    private Arrival awaitCurrent(LocalStack stack, WebhookReceiver receiver, String user, long deadline)
            throws Exception {
        int stale = 0;
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            String post = receiver.next(Duration.ofNanos(left));
            if (post == null) {
                return null;
            }
            long at = System.nanoTime();
            List<Map<String, Object>> about = about(post, user);
            if (about.isEmpty()) {
                continue;
            }
            String expected = (String) read(stack, user).json().get("sequenceNumber");
            if (about.stream().anyMatch(n -> expected.equals(sequenceNumber(n)))) {
                return new Arrival(at, stale);
            }
            stale++;
        }
        return null;
    }

    // ---- fan-out ------------------------------------------------------------------------

    /** 1,000 subscriptions to one user, each its own JDK HTTP server on its own port; one change. */
    private Map<String, Object> fanOut(LocalStack stack) throws Exception {
        try (FanOutReceivers receivers = new FanOutReceivers(FAN_OUT)) {
            return fanOut(stack, receivers, FAN_OUT, CONTOSO, MEGAN, FAN_OUT_DEADLINE);
        }
    }

    /**
     * 10,000 subscriptions to one user, each its own port (one selector serves them all, so no
     * connection is shared and no thread is spent per port); one change. Skipped, saying why, when
     * the process may not open a descriptor per port.
     */
    private Map<String, Object> fanOut10k(LocalStack stack) throws Exception {
        long limit = maxDescriptors();
        if (limit >= 0 && limit < FanOutPorts.descriptorsNeeded(FAN_OUT_10K)) {
            return WarmBench.row("skipped", "the process may open " + limit + " files; "
                    + FanOutPorts.descriptorsNeeded(FAN_OUT_10K) + " are needed (raise ulimit -n)");
        }
        try (FanOutPorts ports = new FanOutPorts(FAN_OUT_10K)) {
            return fanOut(stack, ports, FAN_OUT_10K, FABRIKAM, LEE, FAN_OUT_10K_DEADLINE);
        }
    }

    private static long maxDescriptors() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    /** {@code count} subscriptions of {@code user}, one change, until every subscription heard of it or the deadline. */
    private Map<String, Object> fanOut(LocalStack stack, FanOutSubscribers subscribers, int count, String tenant,
                                       String user, Duration wait) throws Exception {
        long start = System.nanoTime();
        int created = subscribeMany(stack, subscribers, count, tenant, user);
        double subscribeSeconds = (System.nanoTime() - start) / 1e9;
        System.out.println("[bench] " + created + " subscriptions in " + Math.round(subscribeSeconds) + " s");
        subscribers.drain(Duration.ofSeconds(1));

        expect(200, setPresence(stack, tenant, user, BUSY));
        long answered = System.nanoTime();
        List<Long> arrivals = new ArrayList<>();
        Map<String, Integer> notified = new HashMap<>();
        long deadline = answered + wait.toNanos();
        while (notified.size() < created && System.nanoTime() < deadline) {
            FanOutSubscribers.Post post = subscribers.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (post == null) {
                break;
            }
            if (count(post, user, notified)) {
                arrivals.add(post.atNanos() - answered);
            }
        }
        // anything more for this change (a repeat, a retry) shows up shortly after
        int afterwards = 0;
        for (FanOutSubscribers.Post post = subscribers.next(Duration.ofSeconds(2)); post != null;
             post = subscribers.next(Duration.ofSeconds(2))) {
            afterwards++;
            count(post, user, notified);
        }
        int duplicates = notified.values().stream().mapToInt(n -> n - 1).sum();
        return fanOutRow(created, count, subscribeSeconds, arrivals, notified.size(), afterwards, duplicates, wait);
    }

    /** Counts the POST's notifications of {@code user} by subscription; whether there were any. */
    private boolean count(FanOutSubscribers.Post post, String user, Map<String, Integer> notified) throws Exception {
        List<Map<String, Object>> about = about(post.body(), user);
        about.forEach(n -> notified.merge((String) n.get("subscriptionId"), 1, Integer::sum));
        return !about.isEmpty();
    }

    private static Map<String, Object> fanOutRow(int created, int servers, double subscribeSeconds, List<Long> arrivals,
                                                 int distinct, int afterwards, int duplicates, Duration wait) {
        List<Long> sorted = arrivals.stream().sorted().toList();
        double first = sorted.isEmpty() ? -1 : sorted.get(0) / 1e6;
        double median = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2) / 1e6;
        double last = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1) / 1e6;
        return WarmBench.row("subscriptions", created, "subscriberServers", servers,
                "subscribeThreads", SUBSCRIBE_THREADS,
                "subscribeSeconds", Stats.round(subscribeSeconds), "postsArrived", arrivals.size(),
                "subscriptionsNotified", distinct, "allArrived", distinct == created,
                "missing", created - distinct, "duplicates", duplicates,
                "firstMs", Stats.round(first), "medianMs", Stats.round(median), "lastMs", Stats.round(last),
                "lastArrivalMs", Stats.round(last), "postsAfterwards", afterwards,
                "deadlineSeconds", wait.toSeconds());
    }

    /**
     * Creates the subscriptions a few at a time, a new application for every
     * {@value #PER_APPLICATION} (the quota of one); returns how many were created.
     */
    private int subscribeMany(LocalStack stack, FanOutSubscribers subscribers, int count, String tenant, String user)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SUBSCRIBE_THREADS);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            String token = null;
            for (int i = 0; i < count; i++) {
                if (i % PER_APPLICATION == 0) {
                    token = stack.tokens().mint(tenant, UUID.randomUUID().toString(), null, null,
                            List.of("Presence.Read.All"), Duration.ofHours(2));
                }
                String url = subscribers.url(i);
                String appToken = token;
                replies.add(pool.submit(() -> subscribe(stack, appToken, url, user)));
            }
            int created = 0;
            for (Future<Reply> reply : replies) {
                Reply r = reply.get();
                if (r.status() == 201) {
                    created++;
                } else {
                    System.out.println("[bench] a subscription was refused: " + r);
                }
            }
            return created;
        } finally {
            pool.shutdown();
        }
    }

    // ---- schedule cost ------------------------------------------------------------------

    /** One schedule run with 100,000 users and with 1,000, 100 due in both: its cost should not grow. */
    private Map<String, Object> scheduleCost() throws Exception {
        // the few first: DynamoDB Local stays slow for a while after dropping 100,000 items (a few
        // run after it seeded 1,100 users in 71 s and its schedule run stopped at 10 s with 92 of 100 handled)
        Map<String, Object> few = scheduleRun(FEW_USERS);
        Map<String, Object> many = scheduleRun(SCHEDULE_USERS);
        long manyRequests = ((Number) many.get("totalRequests")).longValue();
        long fewRequests = ((Number) few.get("totalRequests")).longValue();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("manyUsers", many);
        result.put("fewUsers", few);
        result.put("ratio", Stats.round(manyRequests / (double) fewRequests));
        return result;
    }

    /** A fresh table with {@code notDue} users nothing is due for plus {@link #DUE} who are, then one run. */
    private Map<String, Object> scheduleRun(int notDue) throws Exception {
        FunctionHarness harness = FunctionHarness.start(Events.UNTHROTTLED);
        DynamoDbClient dynamo = harness.context.getBean(DynamoDbClient.class);
        String table = harness.context.getProperty("presence.table.name", String.class).orElseThrow();
        try {
            // the harness's frozen clock: a minute before it is in the past for the schedule
            Instant now = harness.clock.instant();
            long start = System.nanoTime();
            seed(dynamo, table, notDue, now);
            double seedSeconds = (System.nanoTime() - start) / 1e9;
            System.out.println("[bench] seeded " + (notDue + DUE) + " users in " + Math.round(seedSeconds) + " s");

            PresenceScheduleFunction schedule = new PresenceScheduleFunction(harness.context);
            CapacityMeter meter = harness.context.getBean(CapacityMeter.class);
            OperationCounter operations = harness.context.getBean(OperationCounter.class);
            meter.reset(true);
            operations.reset();
            long run = System.nanoTime();
            String outcome = schedule.execute(new ScheduledEvent());
            double runMs = (System.nanoTime() - run) / 1e6;
            Map<String, Long> byOperation = operations.byOperation();
            return WarmBench.row("usersNotDue", notDue, "usersDue", DUE, "seedSeconds", Stats.round(seedSeconds),
                    "seedOverLimit", seedSeconds > SEED_SECONDS_LIMIT, "outcome", outcome,
                    "requestsByOperation", byOperation, "totalRequests", meter.requests(),
                    "totalByOperation", byOperation.values().stream().mapToLong(Long::longValue).sum(),
                    "writeCapacity", meter.writeCapacity(), "runMs", Stats.round(runMs));
        } finally {
            // 100,000 items in DynamoDB Local's memory would weigh on the rest of the JVM
            dynamo.deleteTable(d -> d.tableName(table));
            harness.close();
        }
    }

    /**
     * BatchWriteItem, 25 items a request, from several threads: seeding through the API would take
     * minutes. Every user has a {@code dueAt}, as real users with a session or a meeting ahead do:
     * those not due yet between a minute and 30 days from now, so they sit in the due index too.
     */
    private static void seed(DynamoDbClient dynamo, String table, int notDue, Instant now) throws Exception {
        List<WriteRequest> writes = new ArrayList<>(notDue + DUE);
        java.util.Random spread = new java.util.Random(17);
        for (int i = 0; i < notDue; i++) {
            Instant later = now.plusSeconds(60 + spread.nextInt(30 * 24 * 3600));
            writes.add(put(user(UUID.randomUUID().toString(), later)));
        }
        for (int i = 0; i < DUE; i++) {
            writes.add(put(user(UUID.randomUUID().toString(), now.minusSeconds(60))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int i = 0; i < writes.size(); i += 25) {
                List<WriteRequest> batch = writes.subList(i, Math.min(writes.size(), i + 25));
                batches.add(pool.submit(() -> writeBatch(dynamo, table, batch)));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One batch, again with what DynamoDB left unprocessed until nothing is left. */
    private static void writeBatch(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(table, batch);
        while (!left.isEmpty()) {
            Map<String, List<WriteRequest>> current = left;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(current));
            left = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    /** A user item as the repository writes it, with the due index's attributes. */
    private static Map<String, AttributeValue> user(String id, Instant dueAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        String pk = "USER#" + id;
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS("USER"));
        item.put("tenantId", AttributeValue.fromS(CONTOSO));
        item.put("upn", AttributeValue.fromS(id + "@contoso.com"));
        item.put("displayName", AttributeValue.fromS("Bench " + id.substring(0, 8)));
        item.put("sessions", AttributeValue.fromM(Map.of()));
        item.put("ver", AttributeValue.fromN("0"));
        item.put("writtenAt", AttributeValue.fromN("0"));
        // the key DueIndex computes from the item's identity and due day, so the schedule's query finds it
        item.put("dueShard", AttributeValue.fromS(DueIndex.partitionKey(pk, dueAt, DueIndex.DEFAULT_SHARDS)));
        item.put("dueAt", AttributeValue.fromN(Long.toString(dueAt.toEpochMilli())));
        return item;
    }

    // ---- HTTP on the local stack --------------------------------------------------------

    private Reply subscribe(LocalStack stack, String url, String user) throws Exception {
        return subscribe(stack, token(stack, "Presence.Read.All"), url, user);
    }

    private Reply subscribe(LocalStack stack, String token, String url, String user) throws Exception {
        Instant expiry = Instant.now().plus(Duration.ofMinutes(59));
        return call(stack, "POST", "/v1.0/subscriptions", token,
                "{\"changeType\":\"updated\",\"notificationUrl\":\"" + url + "\",\"resource\":\"communications/presences/"
                        + user + "\",\"expirationDateTime\":\"" + expiry + "\",\"clientState\":\"bench\"}");
    }

    private Reply setPresence(LocalStack stack, String user, String[] pair) throws Exception {
        return setPresence(stack, CONTOSO, user, pair);
    }

    private Reply setPresence(LocalStack stack, String tenant, String user, String[] pair) throws Exception {
        return call(stack, "POST", "/v1.0/users/" + user + "/presence/setPresence",
                stack.tokens().mint(tenant, APP, null, null, List.of("Presence.ReadWrite.All"), Duration.ofHours(2)), "{\"sessionId\":\"" + APP + "\",\"availability\":\"" + pair[0]
                        + "\",\"activity\":\"" + pair[1] + "\",\"expirationDuration\":\"PT1H\"}");
    }

    private Reply read(LocalStack stack, String user) throws Exception {
        return call(stack, "GET", "/v1.0/users/" + user + "/presence", token(stack, "Presence.Read.All"), null);
    }

    /** An application token of the demo tenant with one role. */
    private static String token(LocalStack stack, String role) {
        return stack.tokens().mint(CONTOSO, APP, null, null, List.of(role), Duration.ofHours(2));
    }

    private Reply call(LocalStack stack, String method, String path, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Map.of(), response.body(), json);
    }

    private static void expect(int status, Reply reply) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + reply);
        }
    }

    /** The notifications of one POST that are about {@code user}. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> about(String post, String user) throws Exception {
        Map<String, Object> body = json.readValue(post, Argument.mapOf(String.class, Object.class));
        List<Map<String, Object>> value = (List<Map<String, Object>>) body.get("value");
        if (value == null) {
            return List.of();
        }
        return value.stream().filter(n -> ("communications/presences/" + user).equals(n.get("resource"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static String sequenceNumber(Map<String, Object> notification) {
        Object data = notification.get("resourceData");
        return data instanceof Map<?, ?> map ? (String) ((Map<String, Object>) map).get("sequenceNumber") : null;
    }
}
