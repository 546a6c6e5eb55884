package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.graphpresence.calendar.CalendarBusFunction;
import io.graphpresence.store.AllStores;
import io.graphpresence.store.TableLayout;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The functions as AWS runs them, minus the network: one DynamoDB Local for the whole test
 * JVM, a fresh table and application context per harness, the demo directory seeded, a
 * frozen clock the test moves, tokens signed like the local stack's, and requests routed
 * into real API Gateway v2 events by the local gateway.
 *
 * <p>A test class shares one with {@code @RegisterExtension static final FunctionHarness harness =
 * FunctionHarness.start();}, which closes it after the class.
 */
public final class FunctionHarness implements AutoCloseable, AfterAllCallback {

    public static final String CLOCK_DAYS_PROPERTY = "presence.test.clock-days";

    /**
     * Where every test clock starts. By default a fixed Monday morning, so that a failure
     * reproduces; with {@code -Dpresence.test.clock-days=N}, 09:00 UTC N days from the
     * machine's date, which the build uses to run the clock-sensitive tests ({@link ClockSensitive})
     * far behind, at and far ahead of real time: no date in a test can become a time bomb.
     */
    public static final Instant START = startMoment(System.getProperty(CLOCK_DAYS_PROPERTY));
    public static final String CONTOSO = "8d6f3c2e-0b1a-4c8e-9a51-1f0e5e6a7b10";
    public static final String FABRIKAM = "3b9e7a41-52c6-4d8f-a0e1-7c2b9d4f6a85";
    public static final String ADELE = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
    public static final String MEGAN = "5f2a3b4c-6d7e-4f80-9a1b-2c3d4e5f6071";
    public static final String LEE = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    public static final String APP = "11111111-2222-4333-8444-555555555555";
    public static final String UNKNOWN_USER = "00000000-0000-4000-8000-000000000000";

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedDynamo dynamo;

    public final DevClock clock = DevClock.frozenAt(START);
    public final LocalTokens tokens = new LocalTokens("http://127.0.0.1/_local", clock);
    public final ApplicationContext context;
    public final JsonMapper json;
    private final LocalGateway gateway;
    private final LocalEventBus eventBus;

    private FunctionHarness(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(LocalStack.properties(sharedDynamo().endpoint(), tokens));
        properties.put("presence.table.name", "presence-" + TABLES.incrementAndGet());
        properties.putAll(overrides);
        context = ApplicationContext.builder().properties(properties).singletons(clock).start();
        json = context.getBean(JsonMapper.class);
        eventBus = new LocalEventBus(new CalendarBusFunction(context), json, clock);
        gateway = new LocalGateway(context, new LocalEndpoints(tokens, clock, json, moved -> { }, eventBus), clock);
    }

    /** A harness on a fresh table holding the demo directory. */
    public static FunctionHarness start() {
        return start(Map.of());
    }

    /** @param overrides settings that differ from the local stack's, such as a dead endpoint */
    public static FunctionHarness start(Map<String, Object> overrides) {
        FunctionHarness harness = new FunctionHarness(overrides);
        if (!overrides.containsKey("aws.services.dynamodb.endpoint-override")) {
            TableLayout.createIfMissing(harness.context.getBean(DynamoDbClient.class),
                    (String) harness.context.getProperty("presence.table.name", String.class).orElseThrow());
            SeedFile.parse(harness.json, LocalStack.demoSeed()).applyTo(harness.repository());
        }
        return harness;
    }

    static Instant startMoment(String clockDays) {
        if (clockDays == null || clockDays.isBlank()) {
            return Instant.parse("2026-11-23T09:00:00Z");
        }
        return LocalDate.now(ZoneOffset.UTC).plusDays(Long.parseLong(clockDays.trim()))
                .atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    public static synchronized EmbeddedDynamo sharedDynamo() {
        if (dynamo == null) {
            try {
                dynamo = EmbeddedDynamo.start(null);
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
        }
        return dynamo;
    }

    public AllStores repository() {
        return AllStores.of(context);
    }

    public Reply call(String method, String pathAndQuery, String token, String body) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        headers.put("host", "127.0.0.1:8080");
        return call(method, pathAndQuery, headers, body);
    }

    public Reply call(String method, String pathAndQuery, Map<String, String> headers, String body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        APIGatewayV2HTTPResponse response = gateway.dispatch(method, path, query, headers, body);
        return new Reply(response.getStatusCode(), response.getHeaders(), response.getBody(), json);
    }

    /** {@code POST /_local/events}: EventBridge's PutEvents, handed to the calendar bus function. */
    public Reply putEvents(String body) {
        try {
            byte[] answer = json.writeValueAsBytes(eventBus.putEvents(io.graphpresence.api.JsonBody.parse(json, body, true)));
            return new Reply(200, Map.of(), new String(answer, java.nio.charset.StandardCharsets.UTF_8), json);
        } catch (io.graphpresence.api.GraphError e) {
            return new Reply(e.status(), Map.of(), "{\"error\":{\"code\":\"" + e.code() + "\"}}", json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Reply post(String path, String token, String body) {
        return call("POST", path, token, body);
    }

    /** A delegated token for {@code userId}; with no scopes given, Presence.Read.All and Presence.ReadWrite. */
    public String userToken(String tenantId, String userId, String... scopes) {
        return tokens.mint(tenantId, APP, userId, scopes.length == 0 ? null : List.of(scopes), null,
                Duration.ofHours(1));
    }

    /** An application token; with no roles given, Presence.ReadWrite.All. */
    public String appToken(String tenantId, String appId, String... roles) {
        return tokens.mint(tenantId, appId, null, null, roles.length == 0 ? null : List.of(roles),
                Duration.ofHours(1));
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        close();
    }

    @Override
    public void close() {
        context.close();
    }
}
