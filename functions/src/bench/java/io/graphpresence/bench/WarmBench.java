package io.graphpresence.bench;

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
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;

/**
 * Warm functions, entered as the Lambda runtime enters them (the event's JSON in, the response's
 * JSON out), against the bare SDK call each cannot go below, on one DynamoDB Local over
 * loopback; batch reads against parallel BatchGetItems; what each call costs.
 *
 * <p>Each figure is the median of {@link #BLOCKS} independent blocks (every operation measured
 * once per block, so the blocks are minutes apart on a loaded machine), with the blocks' lowest
 * and highest ratio. Within a block the function and its floor alternate which goes first. The
 * meters that count requests and capacity are off while anything is timed, and the clock's own
 * cost (one {@code nanoTime} per sample, measured each block) is taken off both sides.
 */
final class WarmBench {

    static final int BLOCKS = 7;
    static final int FIRST_WARMUP = 300;
    static final int WARMUP = 50;
    static final int ITERATIONS = 300;
    static final double TARGET = 1.15;
    static final double BATCH_TARGET = 1.2;
    private static final String APP = "bench-app";
    private static final String ROUTE = "/v1.0/users/{id}/presence";
    private static final String BATCH_ROUTE = "/v1.0/communications/getPresencesByUserId";

    private final FunctionHarness harness;
    private final DynamoDbClient dynamo;
    private final CapacityMeter meter;
    private final String table;
    private final Map<String, String> claims = AuthorizerContext.of(new Caller(CONTOSO, null, APP, Set.of(),
            Set.of("Presence.ReadWrite.All", "Presence.Read.All")));
    private final String token;
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
        token = harness.appToken(CONTOSO, APP, "Presence.ReadWrite.All", "Presence.Read.All");
    }

    /** One operation: the function behind the runtime's entry, its event's bytes, and the floor that stands for it. */
    private record Operation(String name, LambdaEntry entry, byte[] event, Runnable floor, Runnable before,
                             boolean writes) {
    }

    /** One block's medians, the clock's cost already taken off. */
    private record Block(double handlerMs, double floorMs, double p99Ms) {

        double ratio() {
            return handlerMs / floorMs;
        }
    }

    /** The warm rows of one bench, and its blocks kept for comparing it with another bench's. */
    record Warm(List<Map<String, Object>> rows, List<List<Block>> blocks, List<String> operations) {
    }

    /**
     * The warm rows of several benches (the same operations under different settings), their
     * blocks interleaved and the order of the benches reversed every other block, so no setting
     * always runs first or always on the warmer JVM. The first bench's calls are costed.
     */
    static List<Warm> warm(List<WarmBench> benches, List<Map<String, Object>> cost) {
        List<List<Operation>> ops = benches.stream().map(WarmBench::operations).toList();
        List<List<List<Block>>> blocks = new ArrayList<>();
        ops.forEach(o -> blocks.add(emptyBlocks(o)));
        for (int b = 0; b < BLOCKS; b++) {
            double clockMs = clockCostMs();
            for (int k = 0; k < benches.size(); k++) {
                int n = b % 2 == 0 ? k : benches.size() - 1 - k;
                benches.get(n).block(ops.get(n), blocks.get(n), b, op -> ITERATIONS, clockMs);
            }
            System.out.println("[bench] block " + (b + 1) + " of " + BLOCKS);
        }
        List<Warm> result = new ArrayList<>();
        for (int n = 0; n < benches.size(); n++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < ops.get(n).size(); i++) {
                rows.add(row(ops.get(n).get(i).name(), blocks.get(n).get(i), ITERATIONS, TARGET));
                if (n == 0) {
                    cost.add(benches.get(0).cost(ops.get(0).get(i)));
                }
            }
            result.add(new Warm(rows, blocks.get(n), ops.get(n).stream().map(Operation::name).toList()));
        }
        return result;
    }

    /**
     * What a setting costs the function itself: {@code with}'s ratio to its floor over
     * {@code without}'s, block by block (both benches ran in every block, in turn), as median and
     * spread. Each side is first divided by the floor timed beside it, so the machine's load,
     * which moves between the two halves of a block, cancels out.
     */
    static List<Map<String, Object>> handlerRatios(Warm with, Warm without) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < with.operations().size(); i++) {
            List<Block> on = with.blocks().get(i);
            List<Block> off = without.blocks().get(i);
            double[] ratios = new double[on.size()];
            for (int b = 0; b < ratios.length; b++) {
                ratios[b] = on.get(b).ratio() / off.get(b).ratio();
            }
            Stats.Spread ratio = Stats.Spread.of(ratios);
            rows.add(row("operation", with.operations().get(i), "ratio", ratio.median(), "spreadMin", ratio.min(),
                    "spreadMax", ratio.max(), "blocks", ratios.length));
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
        LambdaEntry function = entry(new GetPresencesByUserIdFunction(harness.context));
        int[] sizes = {1, 10, 100, 650};
        List<Operation> ops = new ArrayList<>();
        for (int n : sizes) {
            List<String> some = ids.subList(0, n);
            String body = some.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "{\"ids\":[", "]}"));
            ops.add(new Operation("getPresencesByUserId(" + n + ")", function,
                    event("POST", BATCH_ROUTE, BATCH_ROUTE, null, body), () -> parallelBatchGet(some), () -> { },
                    false));
        }
        List<List<Block>> blocks = blocks(ops, WarmBench::batchIterations);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Map<String, Object> c = cost(ops.get(i));
            Map<String, Object> row = row(ops.get(i).name(), blocks.get(i), batchIterations(ops.get(i)), BATCH_TARGET);
            Map<String, Object> batchRow = row("ids", sizes[i], "requests", c.get("requests"),
                    "readCapacity", c.get("readCapacity"));
            row.remove("operation");
            batchRow.putAll(row);
            rows.add(batchRow);
            if (sizes[i] == 650) {
                cost.add(c);
            }
        }
        return rows;
    }

    private static int batchIterations(Operation op) {
        return op.name().contains("650") ? 40 : 150;
    }

    /** Every operation once per block, block after block: {@code result.get(op).get(block)}. */
    private List<List<Block>> blocks(List<Operation> ops, ToIntFunction<Operation> iterations) {
        List<List<Block>> result = emptyBlocks(ops);
        for (int b = 0; b < BLOCKS; b++) {
            block(ops, result, b, iterations, clockCostMs());
            System.out.println("[bench] block " + (b + 1) + " of " + BLOCKS);
        }
        return result;
    }

    private static List<List<Block>> emptyBlocks(List<Operation> ops) {
        List<List<Block>> result = new ArrayList<>();
        ops.forEach(op -> result.add(new ArrayList<>()));
        return result;
    }

    /** Block {@code b} of every operation, added to {@code result}. */
    private void block(List<Operation> ops, List<List<Block>> result, int b, ToIntFunction<Operation> iterations,
                       double clockMs) {
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            result.get(i).add(block(op, b == 0 ? FIRST_WARMUP : WARMUP, iterations.applyAsInt(op), clockMs));
        }
    }

    /** One block of one operation: the function and the floor in turn, each going first every other round. */
    private Block block(Operation op, int warmup, int iterations, double clockMs) {
        long[] handler = new long[iterations];
        long[] floor = new long[iterations];
        for (int i = -warmup; i < iterations; i++) {
            op.before().run();
            long t0 = System.nanoTime();
            byte[] response;
            long t1;
            long t2;
            if ((i & 1) == 0) {
                response = op.entry().invoke(op.event());
                t1 = System.nanoTime();
                op.floor().run();
                t2 = System.nanoTime();
            } else {
                op.floor().run();
                t1 = System.nanoTime();
                response = op.entry().invoke(op.event());
                t2 = System.nanoTime();
            }
            expectOk(op, response);
            if (i >= 0) {
                boolean handlerFirst = (i & 1) == 0;
                handler[i] = handlerFirst ? t1 - t0 : t2 - t1;
                floor[i] = handlerFirst ? t2 - t1 : t1 - t0;
            }
        }
        Stats h = Stats.of(handler);
        Stats f = Stats.of(floor);
        return new Block(h.medianMs() - clockMs, f.medianMs() - clockMs, h.p99Ms());
    }

    /** What one sample costs the clock itself: the median gap between two nanoTime calls. */
    private static double clockCostMs() {
        long[] gaps = new long[10_000];
        for (int i = 0; i < gaps.length; i++) {
            long start = System.nanoTime();
            gaps[i] = System.nanoTime() - start;
        }
        return Stats.of(gaps).medianMs();
    }

    private static Map<String, Object> row(String name, List<Block> blocks, int iterations, double target) {
        Stats.Spread ratio = Stats.Spread.of(blocks.stream().mapToDouble(Block::ratio).toArray());
        Stats.Spread handler = Stats.Spread.of(blocks.stream().mapToDouble(Block::handlerMs).toArray());
        Stats.Spread floor = Stats.Spread.of(blocks.stream().mapToDouble(Block::floorMs).toArray());
        Stats.Spread p99 = Stats.Spread.of(blocks.stream().mapToDouble(Block::p99Ms).toArray());
        return row("operation", name, "path", "handleRequest", "handlerMedianMs", handler.median(),
                "floorMedianMs", floor.median(), "ratio", ratio.median(), "spreadMin", ratio.min(),
                "spreadMax", ratio.max(), "target", target, "meetsTarget", ratio.median() <= target,
                "spreadExceedsDistanceToTarget", ratio.exceedsDistanceTo(target), "p99Ms", p99.median(),
                "blocks", blocks.size(), "iterationsPerBlock", iterations);
    }

    /** The warm operations, or those named in {@code -Dbench.operations} (comma-separated). */
    private List<Operation> operations() {
        String only = System.getProperty("bench.operations", "");
        return allOperations().stream()
                .filter(op -> only.isBlank() || List.of(only.split(",")).contains(op.name())).toList();
    }

    private List<Operation> allOperations() {
        String presence = "/v1.0/users/" + ADELE + "/presence";
        String session = "{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\","
                + "\"expirationDuration\":\"PT1H\"}";
        Operation set = write("setPresence", new SetPresenceFunction(harness.context), presence, session);
        String busy = userWithManyEvents();
        String busyPresence = "/v1.0/users/" + busy + "/presence";
        return List.of(
                new Operation("getPresence", entry(new GetPresenceFunction(harness.context)),
                        event("GET", ROUTE, presence, ADELE, null), () -> floorGet(ADELE), () -> { }, false),
                // the floor reads the same user: the calendar must not make reads slower than one GetItem
                new Operation("getPresence (user with 500 future events)", entry(new GetPresenceFunction(harness.context)),
                        event("GET", ROUTE, busyPresence, busy, null), () -> floorGet(busy), () -> { }, false),
                new Operation("getPresencesByUserId", entry(new GetPresencesByUserIdFunction(harness.context)),
                        event("POST", BATCH_ROUTE, BATCH_ROUTE, null, "{\"ids\":[\"" + ADELE + "\"]}"),
                        () -> parallelBatchGet(List.of(ADELE)), () -> { }, false),
                set,
                // each clear needs a session to clear: set it first, outside the measurement
                new Operation("clearPresence", entry(new ClearPresenceFunction(harness.context)),
                        event("POST", ROUTE + "/clearPresence", presence + "/clearPresence", ADELE,
                                "{\"sessionId\":\"" + APP + "\"}"), this::floorUpdate,
                        () -> expectOk(set, set.entry().invoke(set.event())), true),
                write("setUserPreferredPresence", new SetUserPreferredPresenceFunction(harness.context), presence,
                        "{\"availability\":\"DoNotDisturb\",\"activity\":\"DoNotDisturb\"}"),
                write("clearUserPreferredPresence", new ClearUserPreferredPresenceFunction(harness.context),
                        presence, "{}"),
                write("setStatusMessage", new SetStatusMessageFunction(harness.context), presence,
                        "{\"statusMessage\":{\"message\":{\"content\":\"Heads down\",\"contentType\":\"text\"}}}"));
    }

    private static LambdaEntry entry(GraphFunction function) {
        return LambdaEntry.of(function, true);
    }

    byte[] event(String method, String route, String rawPath, String userId, String body) {
        return Events.event(harness.json, method, route, rawPath, userId, body, token, claims);
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

    private Operation write(String name, GraphFunction function, String presence, String body) {
        return new Operation(name, entry(function), event("POST", ROUTE + "/" + name, presence + "/" + name, ADELE,
                body), this::floorUpdate, () -> { }, true);
    }

    /** The minimum a read needs: one strongly consistent GetItem of the user's item. */
    private void floorGet(String userId) {
        dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(userId)));
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
        expectOk(op, op.entry().invoke(op.event()));
        meter.stop();
        return row("operation", op.name(), "requests", meter.requests(),
                "readCapacity", meter.readCapacity(), "writeCapacity", meter.writeCapacity());
    }

    private static void expectOk(Operation op, byte[] response) {
        int status = LambdaEntry.status(response);
        if (status != 200) {
            throw new IllegalStateException(op.name() + " answered " + status + ": "
                    + new String(response, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("pk", AttributeValue.fromS("USER#" + userId), "sk", AttributeValue.fromS("USER"));
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
