package io.graphpresence.local;

import io.graphpresence.observe.DynamoTracing;
import io.graphpresence.webhook.WebhookClient;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * X-Ray: where Lambda names a daemon (AWS_XRAY_DAEMON_ADDRESS), each DynamoDB call and each
 * webhook POST of a sampled invocation reaches it as a subsegment of the function's segment;
 * elsewhere the DynamoDB client has no tracing interceptor at all. A UDP socket stands in for
 * the daemon.
 */
class TracingTest {

    private static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String PARENT = "53995c3f42cd8ad8";

    private final JsonMapper json = JsonMapper.createDefault();
    private DatagramSocket daemon;

    @BeforeEach
    void listen() throws Exception {
        daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        daemon.setSoTimeout(300);
    }

    @AfterEach
    void stop() {
        daemon.close();
        System.clearProperty(TRACE_HEADER_PROPERTY);
    }

    @Test
    void withoutADaemonTheDynamoDbClientHasNoTracingInterceptor() {
        try (FunctionHarness harness = FunctionHarness.start()) {
            assertFalse(interceptors(harness).stream().anyMatch(DynamoTracing.class::isInstance));
        }
    }

    @Test
    void eachDynamoDbCallOfASampledInvocationIsASubsegmentOfTheFunctionsSegment() throws Exception {
        try (FunctionHarness harness = traced()) {
            assertTrue(interceptors(harness).stream().anyMatch(DynamoTracing.class::isInstance));
            drain();
            System.setProperty(TRACE_HEADER_PROPERTY, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1");
            assertEquals(200, harness.get("/v1.0/users/" + ADELE + "/presence",
                    harness.appToken(CONTOSO, APP, "Presence.Read.All")).status());
            List<Map<String, Object>> sent = received();
            Map<String, Object> getItem = sent.stream()
                    .filter(s -> "GetItem".equals(((Map<?, ?>) s.get("aws")).get("operation"))).findFirst().orElseThrow();
            assertEquals("DynamoDB", getItem.get("name"));
            assertEquals("subsegment", getItem.get("type"));
            assertEquals(ROOT, getItem.get("trace_id"));
            assertEquals(PARENT, getItem.get("parent_id"));
            assertEquals("aws", getItem.get("namespace"));
            assertTrue(((String) getItem.get("id")).matches("[0-9a-f]{16}"), getItem::toString);
            assertTrue(((Number) getItem.get("end_time")).doubleValue() >= ((Number) getItem.get("start_time")).doubleValue());
            assertEquals(harness.context.getProperty("presence.table.name", String.class).orElseThrow(),
                    ((Map<?, ?>) getItem.get("aws")).get("table_name"));
            assertEquals(200, ((Number) ((Map<?, ?>) ((Map<?, ?>) getItem.get("http")).get("response")).get("status")).intValue());
        }
    }

    @Test
    void anInvocationNotSampledSendsNothing() throws Exception {
        try (FunctionHarness harness = traced()) {
            drain();
            System.setProperty(TRACE_HEADER_PROPERTY, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=0");
            assertEquals(200, harness.get("/v1.0/users/" + ADELE + "/presence",
                    harness.appToken(CONTOSO, APP, "Presence.Read.All")).status());
            assertEquals(List.of(), received());
        }
    }

    @Test
    void aWebhookPostIsARemoteSubsegmentWithoutTheUrlsQuery() throws Exception {
        try (FunctionHarness harness = traced(); WebhookReceiver receiver = new WebhookReceiver()) {
            System.setProperty(TRACE_HEADER_PROPERTY, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1");
            WebhookClient webhooks = harness.context.getBean(WebhookClient.class);
            assertTrue(webhooks.post(receiver.url("/hook?key=sig-secret"), "{}".getBytes(StandardCharsets.UTF_8)).get());
            Map<String, Object> post = received().stream().filter(s -> "remote".equals(s.get("namespace")))
                    .findFirst().orElseThrow();
            assertEquals("127.0.0.1", post.get("name"));
            assertEquals(PARENT, post.get("parent_id"));
            Map<?, ?> http = (Map<?, ?>) post.get("http");
            assertEquals("POST", ((Map<?, ?>) http.get("request")).get("method"));
            assertEquals(receiver.url("/hook") + "?[query redacted]", ((Map<?, ?>) http.get("request")).get("url"));
            assertEquals(200, ((Number) ((Map<?, ?>) http.get("response")).get("status")).intValue());
        }
    }

    private FunctionHarness traced() {
        return FunctionHarness.start(Map.of("aws.xray.daemon.address", "127.0.0.1:" + daemon.getLocalPort(),
                "presence.notifications.allow-loopback", true));
    }

    private static List<ExecutionInterceptor> interceptors(FunctionHarness harness) {
        return harness.context.getBean(DynamoDbClient.class).serviceClientConfiguration().overrideConfiguration()
                .executionInterceptors();
    }

    /** What reached the daemon until it has been quiet a moment: each the document after the daemon's header line. */
    private List<Map<String, Object>> received() throws Exception {
        List<Map<String, Object>> documents = new ArrayList<>();
        byte[] buffer = new byte[65536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                daemon.receive(packet);
            } catch (SocketTimeoutException quiet) {
                return documents;
            }
            String[] lines = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).split("\n", 2);
            assertEquals(Map.of("format", "json", "version", 1),
                    json.readValue(lines[0], Argument.mapOf(String.class, Object.class)));
            documents.add(json.readValue(lines[1], Argument.mapOf(String.class, Object.class)));
        }
    }

    /** Forgets what setting up the harness sent (nothing is sampled before a header is set, but be sure). */
    private void drain() throws Exception {
        received();
    }
}
