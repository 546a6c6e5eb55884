package io.graphpresence.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.graphpresence.access.Caller;
import io.graphpresence.api.AuthorizerContext;
import io.graphpresence.api.ClearPresenceFunction;
import io.graphpresence.api.ClearUserPreferredPresenceFunction;
import io.graphpresence.api.GetPresenceFunction;
import io.graphpresence.api.GetPresencesByUserIdFunction;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.SetPresenceFunction;
import io.graphpresence.api.SetStatusMessageFunction;
import io.graphpresence.api.SetUserPreferredPresenceFunction;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.presence.DateTimeTimeZone;
import io.graphpresence.presence.ShowAs;
import io.graphpresence.store.TenantUser;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;

/**
 * Warm functions against the bare SDK call each cannot go below, on one DynamoDB Local over
 * loopback; batch reads against parallel BatchGetItems; what each call costs.
 */
final class WarmBench {

    static final int WARMUP = 300;
    static final int ITERATIONS = 1500;
    private static final String APP = "bench-app";

    private final FunctionHarness harness;
    private final DynamoDbClient dynamo;
    private final CapacityMeter meter;
    private final String table;
    private final Map<String, String> claims = AuthorizerContext.of(new Caller(CONTOSO, null, APP, Set.of(),
            Set.of("Presence.ReadWrite.All", "Presence.Read.All")));
    private final ExecutorService parallel = Executors.newFixedThreadPool(8);

    /** @param throttled whether calls are counted against a limit (one too high to refuse any) or not at all */
    WarmBench(boolean throttled) {
        harness = FunctionHarness.start(throttled
                ? Map.of("presence.throttle.reads.limit", Long.MAX_VALUE / 2, "presence.throttle.writes.limit",
                        Long.MAX_VALUE / 2)
                : Events.UNTHROTTLED);
        dynamo = harness.context.getBean(DynamoDbClient.class);
        meter = harness.context.getBean(CapacityMeter.class);
        table = harness.context.getProperty("presence.table.name", String.class).orElseThrow();
    }

    /** One operation: the function's event and the floor request that stands for it. */
    private record Operation(String name, GraphFunction function, APIGatewayV2HTTPEvent event, Runnable floor,
                             Runnable before, boolean writes) {
    }

    List<Map<String, Object>> warm(List<Map<String, Object>> cost) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Operation op : operations()) {
            long[] handler = new long[ITERATIONS];
            long[] floor = new long[ITERATIONS];
            for (int i = -WARMUP; i < ITERATIONS; i++) {
                op.before().run();
                long handlerNanos = time(() -> expectOk(op));
                long floorNanos = time(op.floor());
                if (i >= 0) {
                    handler[i] = handlerNanos;
                    floor[i] = floorNanos;
                }
            }
            Stats h = Stats.of(handler);
            Stats f = Stats.of(floor);
            rows.add(row("operation", op.name(), "handlerMedianMs", Stats.round(h.medianMs()),
                    "floorMedianMs", Stats.round(f.medianMs()), "ratio", Stats.round(h.medianMs() / f.medianMs()),
                    "p99Ms", Stats.round(h.p99Ms()), "iterations", ITERATIONS));
            cost.add(cost(op));
        }
        return rows;
    }

    List<Map<String, Object>> batch(List<Map<String, Object>> cost) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 650; i++) {
            String id = UUID.randomUUID().toString();
            harness.repository().putUser(new DirectoryUser(id, CONTOSO, id + "@contoso.com", null));
            ids.add(id);
        }
        GraphFunction function = new GetPresencesByUserIdFunction(harness.context);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n : new int[] {1, 10, 100, 650}) {
            List<String> some = ids.subList(0, n);
            String body = some.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "{\"ids\":[", "]}"));
            Operation op = new Operation("getPresencesByUserId(" + n + ")", function,
                    Events.event("POST", "/v1.0/communications/getPresencesByUserId",
                            "/v1.0/communications/getPresencesByUserId", null, body, claims),
                    () -> parallelBatchGet(some), () -> { }, false);
            int iterations = n == 650 ? 200 : 500;
            long[] handler = new long[iterations];
            long[] floor = new long[iterations];
            for (int i = -50; i < iterations; i++) {
                long h = time(() -> expectOk(op));
                long f = time(op.floor());
                if (i >= 0) {
                    handler[i] = h;
                    floor[i] = f;
                }
            }
            Map<String, Object> c = cost(op);
            Stats h = Stats.of(handler);
            Stats f = Stats.of(floor);
            rows.add(row("ids", n, "requests", c.get("requests"), "readCapacity", c.get("readCapacity"),
                    "medianMs", Stats.round(h.medianMs()), "floorMedianMs", Stats.round(f.medianMs()),
                    "ratio", Stats.round(h.medianMs() / f.medianMs()), "p99Ms", Stats.round(h.p99Ms()),
                    "iterations", iterations));
            if (n == 650) {
                cost.add(c);
            }
        }
        return rows;
    }

    private List<Operation> operations() {
        String presence = "/v1.0/users/" + ADELE + "/presence";
        String route = "/v1.0/users/{id}/presence";
        String session = "{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\","
                + "\"expirationDuration\":\"PT1H\"}";
        Operation set = write("setPresence", new SetPresenceFunction(harness.context), route, presence, session);
        String busy = userWithManyEvents();
        String busyPresence = "/v1.0/users/" + busy + "/presence";
        return List.of(
                new Operation("getPresence", new GetPresenceFunction(harness.context),
                        Events.event("GET", route, presence, ADELE, null, claims), this::floorGet, () -> { }, false),
                // against the floor of a user without events: the calendar must not make reads slower
                new Operation("getPresence (user with 500 future events)", new GetPresenceFunction(harness.context),
                        Events.event("GET", route, busyPresence, busy, null, claims), this::floorGet, () -> { }, false),
                new Operation("getPresencesByUserId", new GetPresencesByUserIdFunction(harness.context),
                        Events.event("POST", "/v1.0/communications/getPresencesByUserId",
                                "/v1.0/communications/getPresencesByUserId", null, "{\"ids\":[\"" + ADELE + "\"]}",
                                claims), () -> parallelBatchGet(List.of(ADELE)), () -> { }, false),
                set,
                // each clear needs a session to clear: set it first, outside the measurement
                new Operation("clearPresence", new ClearPresenceFunction(harness.context),
                        Events.event("POST", route + "/clearPresence", presence + "/clearPresence", ADELE,
                                "{\"sessionId\":\"" + APP + "\"}", claims), this::floorUpdate,
                        () -> set.function().execute(set.event()), true),
                write("setUserPreferredPresence", new SetUserPreferredPresenceFunction(harness.context), route, presence,
                        "{\"availability\":\"DoNotDisturb\",\"activity\":\"DoNotDisturb\"}"),
                write("clearUserPreferredPresence", new ClearUserPreferredPresenceFunction(harness.context), route,
                        presence, "{}"),
                write("setStatusMessage", new SetStatusMessageFunction(harness.context), route, presence,
                        "{\"statusMessage\":{\"message\":{\"content\":\"Heads down\",\"contentType\":\"text\"}}}"));
    }

    /** A user with two meetings today and 500 more over the coming months, written as Graph's event API writes them. */
    private String userWithManyEvents() {
        String id = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(id, CONTOSO, id + "@contoso.com", "Many meetings"));
        Instant now = harness.clock.instant();
        TenantUser owner = new TenantUser(CONTOSO, id);
        for (int i = 0; i < 502; i++) {
            Instant start = i < 2 ? now.plus(Duration.ofHours(2 + 2L * i)) : now.plus(Duration.ofDays(i)).plusSeconds(3600);
            harness.repository().putEvent(owner, new CalendarEvent("bench-" + i, "Meeting " + i, utc(start),
                    utc(start.plus(Duration.ofMinutes(30))), ShowAs.busy, false, false, now), now);
        }
        return id;
    }

    private static DateTimeTimeZone utc(Instant instant) {
        return DateTimeTimeZone.parse(LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString(), "UTC", "bench");
    }

    private Operation write(String name, GraphFunction function, String route, String presence, String body) {
        return new Operation(name, function, Events.event("POST", route + "/" + name, presence + "/" + name, ADELE,
                body, claims), this::floorUpdate, () -> { }, true);
    }

    /** The minimum a read needs: one strongly consistent GetItem of the user's item. */
    private void floorGet() {
        dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(ADELE)));
    }

    /** The minimum a write needs: one conditional UpdateItem of the user's item. */
    private void floorUpdate() {
        dynamo.updateItem(b -> b.tableName(table).key(key(ADELE))
                // its own attribute of the same item, so the floor never touches the sessions read back
                .updateExpression("SET #f = :v, #w = :now ADD #ver :one")
                .conditionExpression("attribute_exists(pk) AND #t = :t")
                .expressionAttributeNames(Map.of("#f", "benchFloor", "#w", "writtenAt", "#ver", "ver",
                        "#t", "tenantId"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromM(Map.of("av", AttributeValue.fromS("Busy"))),
                        ":now", AttributeValue.fromN(Long.toString(System.currentTimeMillis())), ":one", AttributeValue.fromN("1"),
                        ":t", AttributeValue.fromS(CONTOSO))));
    }

    private void parallelBatchGet(List<String> ids) {
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(i, Math.min(ids.size(), i + 100)).stream()
                    .map(WarmBench::key).toList();
            Supplier<Object> call = () -> dynamo.batchGetItem(b -> b.requestItems(Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
            calls.add(ids.size() <= 100 ? CompletableFuture.completedFuture(call.get())
                    : CompletableFuture.supplyAsync(call, parallel));
        }
        calls.forEach(CompletableFuture::join);
    }

    private Map<String, Object> cost(Operation op) {
        op.before().run();
        meter.reset(op.writes());
        expectOk(op);
        return row("operation", op.name(), "requests", meter.requests(),
                "readCapacity", meter.readCapacity(), "writeCapacity", meter.writeCapacity());
    }

    private static void expectOk(Operation op) {
        int status = op.function().execute(op.event()).getStatusCode();
        if (status != 200) {
            throw new IllegalStateException(op.name() + " answered " + status);
        }
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("pk", AttributeValue.fromS("USER#" + userId), "sk", AttributeValue.fromS("USER"));
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    String tableName() {
        return table;
    }

    String dynamoEndpoint() {
        return FunctionHarness.sharedDynamo().endpoint();
    }

    String jwks() {
        return harness.tokens.jwksJson();
    }

    io.micronaut.json.JsonMapper json() {
        return harness.json;
    }

    void close() {
        parallel.shutdown();
        harness.close();
    }
}
