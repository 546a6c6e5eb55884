package io.graphpresence.local;

import com.sun.net.httpserver.HttpServer;
import io.graphpresence.calendar.CalendarBusFunction;
import io.graphpresence.observe.Metrics;
import io.graphpresence.store.DirectoryListing;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.TableLayout;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Everything AWS runs, on one machine: DynamoDB Local, the table, ElasticMQ for the queues,
 * the same function classes in one application context, and an HTTP front on loopback
 * standing in for API Gateway.
 */
public final class LocalStack implements AutoCloseable {

    public static final String TABLE = "presence";

    /** Connections served at once; each has a worker, so a slow client never waits for a thread. */
    static final int MAX_CONNECTIONS = 64;
    /** How long a request may take to arrive in full, and a response to be taken; then the connection is closed. */
    static final int MAX_EXCHANGE_SECONDS = 30;
    /** On stop (SIGTERM), how long requests under way may take to finish. */
    static final int DRAIN_SECONDS = 10;

    static {
        // nodelay: without TCP_NODELAY, a response written as headers then body waits ~40 ms for
        // the client's delayed ACK (Nagle): the benchmark saw every GET take 48 ms.
        // The JDK's server reads these once, when its first server starts; a user's own -D wins
        System.setProperty("sun.net.httpserver.nodelay", "true");
        keepOrSet("sun.net.httpserver.maxConnections", MAX_CONNECTIONS);
        keepOrSet("sun.net.httpserver.maxReqTime", MAX_EXCHANGE_SECONDS);
        keepOrSet("sun.net.httpserver.maxRspTime", MAX_EXCHANGE_SECONDS);
        // above our own 431 limit, so an oversized header gets Graph's error, not a reset
        keepOrSet("sun.net.httpserver.maxReqHeaderSize", 2 * 1024 * 1024);
    }

    private static void keepOrSet(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }

    /**
     * @param dataDir  where DynamoDB Local keeps its files, or null to keep nothing
     * @param seedJson tenants and users to load, or null for the demo directory on an empty store
     * @param settings settings that differ from a deployed function's, such as a higher
     *                 throttling limit for a test that makes many calls (docs/throttling.md)
     */
    public record Options(int port, Path dataDir, String seedJson, Map<String, Object> settings) {

        public Options(int port, Path dataDir, String seedJson) {
            this(port, dataDir, seedJson, Map.of());
        }
    }

    private final EmbeddedDynamo dynamo;
    private final ApplicationContext context;
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final DevClock clock;
    private final LocalTokens tokens;
    private final String seedDescription;
    private final ClockFile clockFile;
    private final EventTriggers triggers;
    private final LocalLogs logs;

    private LocalStack(EmbeddedDynamo dynamo, ApplicationContext context, HttpServer server, ThreadPoolExecutor workers,
                       DevClock clock, LocalTokens tokens, String seedDescription, ClockFile clockFile,
                       EventTriggers triggers, LocalLogs logs) {
        this.dynamo = dynamo;
        this.context = context;
        this.server = server;
        this.workers = workers;
        this.clock = clock;
        this.tokens = tokens;
        this.seedDescription = seedDescription;
        this.clockFile = clockFile;
        this.triggers = triggers;
        this.logs = logs;
    }

    public static LocalStack start(Options options) throws Exception {
        return start(options, DevClock.ticking());
    }

    /** @param clock the clock every function reads; tests pass a frozen one */
    public static LocalStack start(Options options, DevClock clock) throws Exception {
        EmbeddedDynamo dynamo = EmbeddedDynamo.start(options.dataDir());
        LocalQueues queues;
        try {
            queues = LocalQueues.start();
        } catch (Exception | Error e) {
            dynamo.close();
            throw e;
        }
        ClockFile clockFile = options.dataDir() == null ? null : new ClockFile(options.dataDir());
        if (clockFile != null) {
            clockFile.restore(clock);
        }
        ApplicationContext context = null;
        HttpServer server = null;
        EventTriggers triggers = null;
        LocalLogs logs = null;
        try {
            logs = LocalLogs.open(options.dataDir());
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            LocalTokens tokens = new LocalTokens(base + "/_local", clock);
            Map<String, Object> properties = properties(dynamo.endpoint(), tokens);
            properties.putAll(queues.settings());
            properties.putAll(options.settings());
            context = ApplicationContext.builder()
                    .properties(properties)
                    .singletons(clock)
                    .start();
            TableLayout.createIfMissing(context.getBean(DynamoDbClient.class), TABLE);
            String seeded = seed(context, options.seedJson());
            triggers = EventTriggers.start(context, dynamo.endpoint(), TABLE, options.dataDir(), queues);

            EventTriggers started = triggers;
            LocalEndpoints endpoints = new LocalEndpoints(tokens, clock, context.getBean(JsonMapper.class), moved -> {
                if (clockFile != null) {
                    clockFile.save(moved);
                }
                started.clockMoved();
            }, new LocalEventBus(new CalendarBusFunction(context), context.getBean(JsonMapper.class), clock))
                    .observing(logs, context.getBean(Metrics.class));
            server.createContext("/", new LocalGateway(context, endpoints, clock));
            ThreadPoolExecutor workers = workers();
            server.setExecutor(workers);
            server.start();
            return new LocalStack(dynamo, context, server, workers, clock, tokens, seeded, clockFile, triggers,
                    logs);
        } catch (Exception | Error e) {
            // a bad seed or a taken port must end the process, not leave DynamoDB Local's threads running
            if (server != null) {
                server.stop(0);
            }
            if (triggers != null) {
                triggers.close(); // and the queues with them
            } else {
                queues.close();
            }
            if (context != null) {
                context.close();
            }
            if (logs != null) {
                logs.close();
            }
            dynamo.close();
            throw e;
        }
    }

    /** Up to one thread per connection, made when needed and let go when idle. */
    private static ThreadPoolExecutor workers() {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(MAX_CONNECTIONS, MAX_CONNECTIONS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>());
        workers.allowCoreThreadTimeOut(true);
        return workers;
    }

    /** Requests are under way while a worker runs one or one waits for a worker; twice idle in a row is idle. */
    private void awaitNoRequestUnderWay(long deadlineNanos) throws InterruptedException {
        int idleChecks = 0;
        while (idleChecks < 2 && System.nanoTime() < deadlineNanos) {
            Thread.sleep(20);
            idleChecks = workers.getActiveCount() == 0 && workers.getQueue().isEmpty() ? idleChecks + 1 : 0;
        }
    }

    /** The same settings a deployed function reads from its environment. */
    public static Map<String, Object> properties(String dynamoEndpoint, LocalTokens tokens) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("aws.region", "us-east-1");
        properties.put("aws.access-key-id", "local");
        properties.put("aws.secret-key", "local");
        properties.put("aws.services.dynamodb.endpoint-override", dynamoEndpoint);
        properties.put("presence.table.name", TABLE);
        properties.put("presence.auth.issuer", tokens.issuer());
        properties.put("presence.auth.audience", LocalTokens.AUDIENCE);
        properties.put("presence.auth.jwks", tokens.jwksJson());
        // webhooks on this machine are what local development is for; AWS never allows them
        properties.put("presence.notifications.allow-loopback", true);
        return properties;
    }

    /** Loads the given seed, or the demo directory when the store has no tenant yet. */
    private static String seed(ApplicationContext context, String seedJson) {
        DirectoryStore directory = context.getBean(DirectoryStore.class);
        String text = seedJson;
        if (text == null) {
            if (!context.getBean(DirectoryListing.class).listTenants().isEmpty()) {
                return "";
            }
            text = demoSeed();
        }
        SeedFile seed = SeedFile.parse(context.getBean(JsonMapper.class), text);
        seed.applyTo(directory);
        return seed.describe();
    }

    /** The demo directory: two tenants and a few users, in the seed file format. */
    public static String demoSeed() {
        try (InputStream in = LocalStack.class.getResourceAsStream("/local/demo-seed.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where this stack's DynamoDB Local listens. */
    public String dynamoEndpoint() {
        return dynamo.endpoint();
    }

    public DevClock clock() {
        return clock;
    }

    public LocalTokens tokens() {
        return tokens;
    }

    /** Where the functions' JSON log lines go, as they would to CloudWatch Logs. */
    public Path logFile() {
        return logs.file();
    }

    /** The tenants and users seeded at this start, or empty when the store already had them. */
    public String seedDescription() {
        return seedDescription;
    }

    @Override
    public void close() throws Exception {
        // no new connections; requests under way finish (their writes are answered) first.
        // JDK 17's HttpServer.stop(n) waits all n seconds even when nothing is under way
        // (JDK-8304065), which made every stop, and every test that starts a stack, 10 s longer:
        // it stops taking connections at once on a side thread, and this waits only for work
        Thread stopping = new Thread(() -> server.stop(DRAIN_SECONDS), "local-gateway-stop");
        stopping.setDaemon(true);
        stopping.start();
        awaitNoRequestUnderWay(System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS));
        workers.shutdown();
        workers.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
        triggers.close(); // and the queues with them
        context.close();
        logs.close();
        dynamo.close();
        if (clockFile != null) {
            clockFile.save(clock.instant());
        }
    }
}
