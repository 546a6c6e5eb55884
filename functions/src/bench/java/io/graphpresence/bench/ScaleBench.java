package io.graphpresence.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.delivery.PresenceScheduleFunction;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.local.StreamDriver;
import io.graphpresence.store.RequestCounter;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.LEE;

/**
 * The capacity model's inputs, measured: each operation runs through the real functions on
 * DynamoDB Local, and what follows from it downstream (the stream consumer's reads and writes,
 * the records those make, the schedule's work) runs too, through {@link StreamDriver}. Requests
 * are counted by the cost tests' {@link RequestCounter}; capacity units and the partition keys
 * touched by {@link ScaleMeter}. Keys are reported as patterns ({@code USER#{user}}), so the
 * model can tell which entity's rate loads each.
 */
final class ScaleBench implements AutoCloseable {

    static final int FEW_WATCHERS = 10;
    static final int MANY_WATCHERS = 60;
    static final int DUE_USERS = 20;
    static final Duration REFRESH = Duration.ofMinutes(4);
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final FunctionHarness harness = FunctionHarness.start(Events.UNTHROTTLED);
    private final RequestCounter counter = harness.context.getBean(RequestCounter.class);
    private final ScaleMeter meter = harness.context.getBean(ScaleMeter.class);
    private final String table = harness.context.getProperty("presence.table.name", String.class).orElseThrow();
    private final StreamDriver stream = new StreamDriver(harness.context, FunctionHarness.sharedDynamo().endpoint(), table);
    private final Map<String, String> roles = new LinkedHashMap<>();

    /** Every measured operation by name. */
    Map<String, Map<String, Object>> measure() throws Exception {
        roles.put(CONTOSO, "{tenant}");
        roles.put(FunctionHarness.FABRIKAM, "{otherTenant}");
        stream.skipToEnd();
        Map<String, Map<String, Object>> ops = new LinkedHashMap<>();
        ops.put("refresh", refresh());
        ops.putAll(visibleChanges());
        ops.put("getPresence", measured("{user}", ADELE, () -> harness.get("/v1.0/users/" + ADELE + "/presence", reader())));
        // the reader's tenant and the owner's are read once, then held by the tenant cache (if any)
        ops.put("getPresenceCrossTenantFirst", measured("{user}", LEE,
                () -> harness.get("/v1.0/users/" + LEE + "/presence", reader())));
        ops.put("getPresenceCrossTenantNext", measured("{user}", LEE,
                () -> harness.get("/v1.0/users/" + LEE + "/presence", reader())));
        ops.put("getPresencesByUserId100", batchRead());
        ops.put("createEvent", createEvent());
        ops.put("scheduleRunPerDueUser", schedule());
        return ops;
    }

    /** The same session set again a refresh interval later: nothing readers see changes, its fade moves. */
    private Map<String, Object> refresh() {
        expectOk(setPresence(ADELE, "Available"));
        stream.pump();
        harness.clock.advance(REFRESH);
        Map<String, Object> op = measured("{user}", ADELE, () -> setPresence(ADELE, "Available"));
        java.time.Instant due = io.graphpresence.store.ScaleKeys.dueAt(
                harness.context.getBean(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class), table, ADELE);
        op.put("dueAfterSeconds", due == null ? -1 : Duration.between(harness.clock.instant(), due).toSeconds());
        return op;
    }

    /** A visible change of a user watched by few and by many subscriptions, each to its own server. */
    private Map<String, Map<String, Object>> visibleChanges() throws Exception {
        Map<String, Map<String, Object>> ops = new LinkedHashMap<>();
        for (int watchers : new int[]{FEW_WATCHERS, MANY_WATCHERS}) {
            String user = newUser();
            try (FanOutReceivers receivers = new FanOutReceivers(watchers)) {
                String app = UUID.randomUUID().toString();
                String token = harness.appToken(CONTOSO, app, "Presence.Read.All");
                for (int i = 0; i < watchers; i++) {
                    expect(201, harness.post("/v1.0/subscriptions", token, "{\"changeType\":\"updated\","
                            + "\"notificationUrl\":\"" + receivers.url(i) + "\",\"resource\":\"communications/presences/"
                            + user + "\",\"expirationDateTime\":\"" + harness.clock.instant().plus(Duration.ofMinutes(50))
                            + "\"}"));
                }
                expectOk(setPresence(user, "Available"));
                stream.pump();
                receivers.drain(Duration.ofMillis(300));
                Map<String, Object> op = measured("{user}", user, () -> setPresence(user, "Busy"));
                op.put("watchers", watchers);
                ops.put("visibleChange" + watchers + "Watchers", op);
            }
        }
        return ops;
    }

    private Map<String, Object> batchRead() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(newUser());
        }
        // the new users' own stream records are not the read's
        stream.pump();
        String body = "{\"ids\":[\"" + String.join("\",\"", ids) + "\"]}";
        return measured("{user}", ids.get(0), () -> harness.post("/v1.0/communications/getPresencesByUserId", reader(), body));
    }

    private Map<String, Object> createEvent() {
        String token = harness.appToken(CONTOSO, FunctionHarness.APP, "Calendars.ReadWrite");
        LocalDateTime start = LocalDateTime.ofInstant(harness.clock.instant().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        return measured("{user}", ADELE, () -> harness.post("/v1.0/users/" + ADELE + "/events", token,
                "{\"showAs\":\"busy\",\"start\":{\"dateTime\":\"" + start + "\",\"timeZone\":\"UTC\"},\"end\":{"
                        + "\"dateTime\":\"" + start.plusMinutes(30) + "\",\"timeZone\":\"UTC\"}}"));
    }

    /** One schedule run over {@value #DUE_USERS} users whose sessions faded, divided by them. */
    private Map<String, Object> schedule() {
        PresenceScheduleFunction schedule = new PresenceScheduleFunction(harness.context);
        harness.clock.advance(Duration.ofHours(5));
        schedule.execute(new ScheduledEvent());
        stream.pump();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < DUE_USERS; i++) {
            users.add(newUser());
            expectOk(setPresence(users.get(i), "Available"));
        }
        stream.pump();
        harness.clock.advance(Duration.ofMinutes(6));
        Map<String, Object> run = measured("{user}", users.get(0), () -> {
            schedule.execute(new ScheduledEvent());
            return null;
        });
        run.put("dueUsers", DUE_USERS);
        return run;
    }

    /** Runs one operation and everything downstream of it, counted. */
    private Map<String, Object> measured(String role, String id, Supplier<Reply> op) {
        roles.put(id, role);
        counter.reset();
        meter.reset();
        long start = System.nanoTime();
        Reply reply = op.get();
        long answered = System.nanoTime();
        List<String> front = counter.sent();
        List<ScaleMeter.Request> frontRequests = meter.requests();
        int records = stream.pump();
        long done = System.nanoTime();
        meter.stop();
        if (reply != null && reply.status() >= 300) {
            throw new IllegalStateException("answered " + reply);
        }
        List<ScaleMeter.Request> all = meter.requests();
        Map<String, Map<String, Double>> keys = keys(all);
        roles.remove(id);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("requests", counter.sent().size());
        row.put("requestsByOperation", byOperation(counter.sent()));
        row.put("callRequests", front.size());
        row.put("readUnits", round(all.stream().mapToDouble(ScaleMeter.Request::readUnits).sum()));
        row.put("writeUnits", round(all.stream().mapToDouble(ScaleMeter.Request::writeUnits).sum()));
        row.put("callWriteUnits", round(frontRequests.stream().mapToDouble(ScaleMeter.Request::writeUnits).sum()));
        row.put("streamRecords", records);
        row.put("keys", keys);
        row.put("callMs", round((answered - start) / 1e6));
        row.put("downstreamMs", round((done - answered) / 1e6));
        return row;
    }

    private static Map<String, Long> byOperation(List<String> sent) {
        Map<String, Long> counts = new TreeMap<>();
        sent.forEach(op -> counts.merge(op, 1L, Long::sum));
        return counts;
    }

    /**
     * Units and requests by key pattern. A request naming several keys (a batch) splits its
     * units evenly over them; a query of an index is reported under the index's name.
     */
    private Map<String, Map<String, Double>> keys(List<ScaleMeter.Request> requests) {
        Map<String, Map<String, Double>> keys = new TreeMap<>();
        for (ScaleMeter.Request r : requests) {
            for (String key : r.keys()) {
                String pattern = (r.index() == null ? "" : r.index() + ":") + pattern(key);
                Map<String, Double> k = keys.computeIfAbsent(pattern, p -> new LinkedHashMap<>());
                k.merge("requests", 1.0 / r.keys().size(), Double::sum);
                k.merge("readUnits", r.readUnits() / r.keys().size(), Double::sum);
                k.merge("writeUnits", r.writeUnits() / r.keys().size(), Double::sum);
            }
        }
        keys.values().forEach(k -> k.replaceAll((name, v) -> round(v)));
        return keys;
    }

    private String pattern(String key) {
        String p = key;
        for (Map.Entry<String, String> role : roles.entrySet()) {
            p = p.replace(role.getKey(), role.getValue());
        }
        return GUID.matcher(p).replaceAll("{id}");
    }

    /** A new token each time: the harness's clock moves hours ahead while this runs. */
    private String reader() {
        return harness.appToken(CONTOSO, FunctionHarness.APP, "Presence.Read.All");
    }

    private String newUser() {
        String id = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(id, CONTOSO, id + "@contoso.com", "Scale " + id.substring(0, 8)));
        return id;
    }

    private Reply setPresence(String user, String availability) {
        String activity = availability.equals("Busy") ? "InACall" : availability;
        return harness.post("/v1.0/users/" + user + "/presence/setPresence", harness.appToken(CONTOSO, FunctionHarness.APP, "Presence.ReadWrite.All"), "{\"sessionId\":\""
                + FunctionHarness.APP + "\",\"availability\":\"" + availability + "\",\"activity\":\"" + activity
                + "\",\"expirationDuration\":\"PT5M\"}");
    }

    private static void expectOk(Reply reply) {
        expect(200, reply);
    }

    private static void expect(int status, Reply reply) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + reply);
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @Override
    public void close() {
        stream.close();
        harness.close();
    }
}
