package io.graphpresence.delivery;

import io.graphpresence.local.ClockSensitive;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import io.graphpresence.notify.SubscriberKeys;
import io.graphpresence.store.TableLayout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subscriptions over their life: rich content, renewal, reauthorization, deletion, restarts, bad input. */
@ClockSensitive
class SubscriptionLifecycleTest {

    private static final Duration ARRIVES = Duration.ofSeconds(5);

    private static String subscription(WebhookReceiver receiver, String resource, Instant expiry, String extra) {
        return "{\"changeType\":\"updated\",\"notificationUrl\":\"" + receiver.url("/hook") + "\",\"resource\":\""
                + resource + "\",\"expirationDateTime\":\"" + expiry + "\"" + extra + "}";
    }

    private static String appToken(LocalStack stack, String role) {
        return stack.tokens().mint(CONTOSO, APP, null, null, List.of(role), Duration.ofDays(1));
    }

    private static Reply setPresence(LocalHttp http, LocalStack stack, String availability, String activity) throws Exception {
        return http.call("POST", "/v1.0/users/" + ADELE + "/presence/setPresence", appToken(stack, "Presence.ReadWrite.All"),
                "{\"sessionId\":\"" + APP + "\",\"availability\":\"" + availability + "\",\"activity\":\"" + activity
                        + "\",\"expirationDuration\":\"PT4H\"}");
    }

    /** The next notification POST's first notification, waiting at most 5 s. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> nextNotification(LocalHttp http, WebhookReceiver receiver) throws Exception {
        String post = receiver.next(ARRIVES);
        assertNotNull(post, "a notification arrives");
        return ((List<Map<String, Object>>) http.parse(post).get("value")).get(0);
    }

    @Test
    void richNotificationsCarryThePresenceEncryptedForTheSubscriber() throws Exception {
        SubscriberKeys keys = SubscriberKeys.rsa();
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
             WebhookReceiver receiver = new WebhookReceiver()) {
            LocalHttp http = new LocalHttp(stack);
            Reply created = http.call("POST", "/v1.0/subscriptions", appToken(stack, "Presence.Read.All"),
                    subscription(receiver, "communications/presences/" + ADELE, FunctionHarness.START.plusSeconds(3000),
                            ",\"includeResourceData\":true,\"encryptionCertificate\":\"" + keys.certificateBase64()
                                    + "\",\"encryptionCertificateId\":\"cert-1\""));
            assertEquals(201, created.status(), created.body());
            receiver.drain(Duration.ofMillis(1500));
            setPresence(http, stack, "DoNotDisturb", "Presenting");
            Map<String, Object> n = nextNotification(http, receiver);
            @SuppressWarnings("unchecked")
            Map<String, Object> encrypted = (Map<String, Object>) n.get("encryptedContent");
            assertEquals("cert-1", encrypted.get("encryptionCertificateId"));
            Map<String, Object> presence = http.parse(keys.decrypt(encrypted));
            assertEquals("#Microsoft.Graph.presence", presence.get("@odata.type"));
            assertEquals(ADELE, presence.get("id"));
            assertEquals("DoNotDisturb", presence.get("availability"));
            assertEquals("Presenting", presence.get("activity"));
        }
    }

    @Test
    void richNotificationsNeedAUsableCertificate() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
             WebhookReceiver receiver = new WebhookReceiver()) {
            Reply refused = new LocalHttp(stack).call("POST", "/v1.0/subscriptions", appToken(stack, "Presence.Read.All"),
                    subscription(receiver, "communications/presences/" + ADELE, FunctionHarness.START.plusSeconds(3000),
                            ",\"includeResourceData\":true,\"encryptionCertificate\":\"bm90IGEgY2VydA==\","
                                    + "\"encryptionCertificateId\":\"c\""));
            assertEquals(400, refused.status());
            assertEquals("InvalidArgument", refused.errorCode());
        }
    }

    @Test
    void renewDeleteAndReauthorizationFollowGraph() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
             WebhookReceiver receiver = new WebhookReceiver(); WebhookReceiver lifecycle = new WebhookReceiver()) {
            LocalHttp http = new LocalHttp(stack);
            // a token good for 20 minutes behind a subscription of 50: the lifecycle URL hears of it then
            String shortLived = stack.tokens().mint(CONTOSO, APP, null, null, List.of("Presence.Read.All"),
                    Duration.ofMinutes(20));
            Reply created = http.call("POST", "/v1.0/subscriptions", shortLived,
                    subscription(receiver, "communications/presences/" + ADELE, FunctionHarness.START.plusSeconds(3000),
                            ",\"lifecycleNotificationUrl\":\"" + lifecycle.url("/life") + "\",\"clientState\":\"c\""));
            assertEquals(201, created.status(), created.body());
            String id = (String) created.json().get("id");

            http.moveClock("PT21M");
            Map<String, Object> asked = nextNotification(http, lifecycle);
            assertEquals("reauthorizationRequired", asked.get("lifecycleEvent"));
            assertEquals(id, asked.get("subscriptionId"));
            assertEquals("c", asked.get("clientState"));

            String fresh = appToken(stack, "Presence.Read.All");
            assertEquals(204, http.call("POST", "/v1.0/subscriptions/" + id + "/reauthorize", fresh, null).status());
            Instant later = stack.clock().instant().plus(Duration.ofMinutes(55));
            Reply renewed = http.call("PATCH", "/v1.0/subscriptions/" + id, fresh,
                    "{\"expirationDateTime\":\"" + later + "\"}");
            assertEquals(200, renewed.status(), renewed.body());
            assertEquals(later.toString(), renewed.json().get("expirationDateTime"));
            assertEquals(400, http.call("PATCH", "/v1.0/subscriptions/" + id, fresh,
                    "{\"expirationDateTime\":\"" + later.plus(Duration.ofHours(2)) + "\"}").status());

            http.moveClock("PT40M");
            receiver.drain(Duration.ofMillis(500));
            setPresence(http, stack, "Busy", "InACall");
            assertEquals(id, nextNotification(http, receiver).get("subscriptionId"), "the renewal outlives the old expiry");

            assertEquals(204, http.call("DELETE", "/v1.0/subscriptions/" + id, fresh, null).status());
            assertEquals(404, http.call("GET", "/v1.0/subscriptions/" + id, fresh, null).status());
            assertEquals(404, http.call("DELETE", "/v1.0/subscriptions/" + id, fresh, null).status());
            setPresence(http, stack, "Available", "Available");
            assertEquals(List.of(), receiver.drain(Duration.ofMillis(1500)), "nothing after deletion");
        }
    }

    @Test
    void anotherApplicationNeitherSeesNorTouchesASubscription() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
             WebhookReceiver receiver = new WebhookReceiver()) {
            LocalHttp http = new LocalHttp(stack);
            String id = (String) http.call("POST", "/v1.0/subscriptions", appToken(stack, "Presence.Read.All"),
                    subscription(receiver, "communications/presences/" + ADELE, FunctionHarness.START.plusSeconds(3000), ""))
                    .json().get("id");
            String other = stack.tokens().mint(CONTOSO, ChangeNotificationsTest.OTHER_APP, null, null,
                    List.of("Presence.Read.All"), Duration.ofDays(1));
            assertEquals(404, http.call("GET", "/v1.0/subscriptions/" + id, other, null).status());
            assertEquals(404, http.call("DELETE", "/v1.0/subscriptions/" + id, other, null).status());
            assertEquals(List.of(), http.call("GET", "/v1.0/subscriptions", other, null).json().get("value"));
        }
    }

    @Test
    void pendingDeliveriesSurviveARestartWithData(@TempDir Path data) throws Exception {
        pendingDeliveriesSurviveARestart(data, DevClock::ticking, stack -> { });
    }

    /**
     * Data files written with the local clock 10 days behind the real date, by a version that
     * turned DynamoDB Local's TTL on: its subscription's ttl is in the machine's past, and yet
     * nothing is lost, since the local stack's expiry follows its own clock.
     */
    @Test
    void aStackWhoseClockFellBehindTheRealDateKeepsSubscriptionsAndPendingDeliveries(@TempDir Path data)
            throws Exception {
        Instant behind = Instant.now().minus(Duration.ofDays(10));
        pendingDeliveriesSurviveARestart(data, () -> DevClock.frozenAt(behind), stack -> {
            try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(stack.dynamoEndpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("local", "local"))).build()) {
                dynamo.updateTimeToLive(b -> b.tableName(LocalStack.TABLE).timeToLiveSpecification(t -> t
                        .attributeName(TableLayout.TTL).enabled(true)));
            }
        });
    }

    private void pendingDeliveriesSurviveARestart(Path data, Supplier<DevClock> clocks, Consumer<LocalStack> beforeStop)
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id;
            try (LocalStack first = LocalStack.start(new LocalStack.Options(0, data, null), clocks.get())) {
                LocalHttp http = new LocalHttp(first);
                Reply created = http.call("POST", "/v1.0/subscriptions", appToken(first, "Presence.Read.All"),
                        subscription(receiver, "communications/presences/" + ADELE,
                                first.clock().instant().plus(Duration.ofMinutes(50)), ""));
                assertEquals(201, created.status(), created.body());
                id = (String) created.json().get("id");
                receiver.drain(Duration.ofMillis(1500));
                receiver.answerWith(500);
                setPresence(http, first, "Busy", "InAConferenceCall");
                long deadline = System.nanoTime() + ARRIVES.toNanos();
                while (receiver.failedPosts() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(1, receiver.failedPosts(), "the first attempt failed");
                beforeStop.accept(first);
            }
            receiver.answerWith(200);
            try (LocalStack second = LocalStack.start(new LocalStack.Options(0, data, null), clocks.get())) {
                LocalHttp http = new LocalHttp(second);
                // long enough for DynamoDB Local to have applied a TTL, had the table kept one
                Thread.sleep(1500);
                assertEquals(200, http.call("GET", "/v1.0/subscriptions/" + id, appToken(second, "Presence.Read.All"),
                        null).status(), "the subscription is still there");
                http.moveClock("PT15S");
                Map<String, Object> delivered = nextNotification(http, receiver);
                assertEquals("communications/presences/" + ADELE, delivered.get("resource"));
                String read = (String) http.call("GET", "/v1.0/users/" + ADELE + "/presence",
                        appToken(second, "Presence.Read.All"), null).json().get("sequenceNumber");
                @SuppressWarnings("unchecked")
                Map<String, Object> data2 = (Map<String, Object>) delivered.get("resourceData");
                assertEquals(read, data2.get("sequenceNumber"), "the retried notification is the latest state");
                assertEquals(List.of(), receiver.drain(Duration.ofMillis(1500)), "and it is not repeated");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "wrong change type|{\"changeType\":\"created\",\"notificationUrl\":\"URL\",\"resource\":\"communications/presences/" + ADELE + "\",\"expirationDateTime\":\"IN_50_MINUTES\"}|400|InvalidArgument",
            "unsupported resource|{\"changeType\":\"updated\",\"notificationUrl\":\"URL\",\"resource\":\"/me/presence\",\"expirationDateTime\":\"IN_50_MINUTES\"}|400|InvalidArgument",
            "too far ahead|{\"changeType\":\"updated\",\"notificationUrl\":\"URL\",\"resource\":\"communications/presences/" + ADELE + "\",\"expirationDateTime\":\"IN_2_HOURS\"}|400|InvalidArgument",
            "not a date|{\"changeType\":\"updated\",\"notificationUrl\":\"URL\",\"resource\":\"communications/presences/" + ADELE + "\",\"expirationDateTime\":\"soon\"}|400|InvalidArgument",
            "clientState too long|{\"changeType\":\"updated\",\"notificationUrl\":\"URL\",\"resource\":\"communications/presences/" + ADELE + "\",\"expirationDateTime\":\"IN_50_MINUTES\",\"clientState\":\"" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + "\"}|400|InvalidArgument",
            "a private address|{\"changeType\":\"updated\",\"notificationUrl\":\"https://10.0.0.1/hook\",\"resource\":\"communications/presences/" + ADELE + "\",\"expirationDateTime\":\"IN_50_MINUTES\"}|400|ValidationError",
            "wrong type|{\"changeType\":\"updated\",\"notificationUrl\":\"URL\",\"resource\":\"communications/presences/" + ADELE + "\",\"expirationDateTime\":\"IN_50_MINUTES\",\"includeResourceData\":\"yes\"}|400|BadRequest",
            "missing resource|{\"changeType\":\"updated\",\"notificationUrl\":\"URL\",\"expirationDateTime\":\"IN_50_MINUTES\"}|400|BadRequest",
            "not JSON|{|400|BadRequest",
    })
    void badRequestsAreGraphErrorsAndStoreNothing(String name, String body, int status, String code) throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
             WebhookReceiver receiver = new WebhookReceiver()) {
            LocalHttp http = new LocalHttp(stack);
            String token = appToken(stack, "Presence.Read.All");
            Reply reply = http.call("POST", "/v1.0/subscriptions", token, body.replace("URL", receiver.url("/hook"))
                    .replace("IN_50_MINUTES", FunctionHarness.START.plus(Duration.ofMinutes(50)).toString())
                    .replace("IN_2_HOURS", FunctionHarness.START.plus(Duration.ofHours(2)).toString()));
            assertEquals(status, reply.status(), reply.body());
            assertEquals(code, reply.errorCode());
            assertEquals(List.of(), http.call("GET", "/v1.0/subscriptions", token, null).json().get("value"));
            assertEquals(400, http.call("GET", "/v1.0/subscriptions/not-a-guid", token, null).status());
            assertTrue(http.call("GET", "/v1.0/subscriptions/" + MEGAN, token, null).status() == 404);
        }
    }
}
