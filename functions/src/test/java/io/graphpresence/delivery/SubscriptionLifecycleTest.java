package io.graphpresence.delivery;

import io.graphpresence.local.ClockSensitive;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Notifications;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import io.graphpresence.notify.SubscriberKeys;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
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
import java.util.function.Supplier;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static io.graphpresence.local.Notifications.assertQuiet;
import static io.graphpresence.local.Notifications.awaitFailedPosts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subscriptions over their life: rich content, renewal, reauthorization, deletion, restarts, bad input. */
@ClockSensitive
class SubscriptionLifecycleTest {

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

    /**
     * Every notification {@code receiver} gets up to the one of Adele's current state (a read's
     * sequence number), and the rest of its POST.
     */
    private static List<Map<String, Object>> untilCurrent(LocalHttp http, LocalStack stack, WebhookReceiver receiver)
            throws Exception {
        String sequence = (String) http.call("GET", "/v1.0/users/" + ADELE + "/presence",
                appToken(stack, "Presence.Read.All"), null).json().get("sequenceNumber");
        return Notifications.until(receiver, Notifications.of(ADELE, sequence));
    }

    private static DynamoDbClient dynamo(LocalStack stack) {
        return DynamoDbClient.builder().endpointOverride(URI.create(stack.dynamoEndpoint()))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("local", "local"))).build();
    }

    /** The next notification POST's first notification, waiting at most 5 s. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> nextNotification(LocalHttp http, WebhookReceiver receiver) throws Exception {
        String post = receiver.next(Notifications.ARRIVES);
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
             WebhookReceiver receiver = new WebhookReceiver(); WebhookReceiver lifecycle = new WebhookReceiver();
             WebhookReceiver control = new WebhookReceiver()) {
            LocalHttp http = new LocalHttp(stack);
            // a token good for 20 minutes behind a subscription of 50: the lifecycle URL hears of it then
            String shortLived = stack.tokens().mint(CONTOSO, APP, null, null, List.of("Presence.Read.All"),
                    Duration.ofMinutes(20));
            Reply created = http.call("POST", "/v1.0/subscriptions", shortLived,
                    subscription(receiver, "communications/presences/" + ADELE, FunctionHarness.START.plusSeconds(3000),
                            ",\"lifecycleNotificationUrl\":\"" + lifecycle.url("/life") + "\",\"clientState\":\"cs-lifecycle\""));
            assertEquals(201, created.status(), created.body());
            String id = (String) created.json().get("id");

            http.moveClock("PT21M");
            Map<String, Object> asked = nextNotification(http, lifecycle);
            assertEquals("reauthorizationRequired", asked.get("lifecycleEvent"));
            assertEquals(id, asked.get("subscriptionId"));
            assertEquals("cs-lifecycle", asked.get("clientState"));

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
            setPresence(http, stack, "Busy", "InACall");
            List<Map<String, Object>> heard = untilCurrent(http, stack, receiver);
            assertEquals(id, heard.get(heard.size() - 1).get("subscriptionId"), "the renewal outlives the old expiry");

            assertEquals(204, http.call("DELETE", "/v1.0/subscriptions/" + id, fresh, null).status());
            assertEquals(404, http.call("GET", "/v1.0/subscriptions/" + id, fresh, null).status());
            assertEquals(404, http.call("DELETE", "/v1.0/subscriptions/" + id, fresh, null).status());
            assertEquals(201, http.call("POST", "/v1.0/subscriptions", fresh, subscription(control,
                    "communications/presences/" + ADELE, stack.clock().instant().plus(Duration.ofMinutes(50)), ""))
                    .status());
            setPresence(http, stack, "Available", "Available");
            untilCurrent(http, stack, control);
            assertQuiet(receiver, "nothing after deletion, while a live subscription heard the change");
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
        pendingDeliveriesSurviveARestart(data, DevClock::ticking);
    }

    /**
     * Data files written with the local clock 10 days behind the real date: the subscription's
     * ttl is in the machine's past, and yet nothing is lost, since the local stack's expiry
     * follows its own clock. (With DynamoDB Local's TTL on, as before, the subscription was
     * gone before the first stack stopped; LocalExpiryTest shows an older data directory
     * loses that TTL.)
     */
    @Test
    void aStackWhoseClockFellBehindTheRealDateKeepsSubscriptionsAndPendingDeliveries(@TempDir Path data)
            throws Exception {
        Instant behind = Instant.now().minus(Duration.ofDays(10));
        pendingDeliveriesSurviveARestart(data, () -> DevClock.frozenAt(behind));
    }

    private void pendingDeliveriesSurviveARestart(Path data, Supplier<DevClock> clocks) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id;
            try (LocalStack first = LocalStack.start(new LocalStack.Options(0, data, null), clocks.get())) {
                LocalHttp http = new LocalHttp(first);
                Reply created = http.call("POST", "/v1.0/subscriptions", appToken(first, "Presence.Read.All"),
                        subscription(receiver, "communications/presences/" + ADELE,
                                first.clock().instant().plus(Duration.ofMinutes(50)), ""));
                assertEquals(201, created.status(), created.body());
                id = (String) created.json().get("id");
                receiver.answerWith(500);
                setPresence(http, first, "Busy", "InAConferenceCall");
                awaitFailedPosts(receiver, 1);
            }
            receiver.answerWith(200);
            try (LocalStack second = LocalStack.start(new LocalStack.Options(0, data, null), clocks.get())) {
                LocalHttp http = new LocalHttp(second);
                // DynamoDB Local's TTL runs on the machine's clock, not the stack's: the table must not keep one
                try (DynamoDbClient dynamo = dynamo(second)) {
                    TimeToLiveStatus ttl = dynamo.describeTimeToLive(b -> b.tableName(LocalStack.TABLE))
                            .timeToLiveDescription().timeToLiveStatus();
                    assertTrue(ttl == TimeToLiveStatus.DISABLED || ttl == TimeToLiveStatus.DISABLING, "TTL is " + ttl);
                }
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
                // past the next retry (20 s after a second failure), short of any fading (5 min):
                // a pending delivery left behind would be sent before the next change
                http.moveClock("PT1M");
                setPresence(http, second, "Available", "Available");
                List<Map<String, Object>> next = untilCurrent(http, second, receiver);
                assertEquals(1, next.size(), "the retried notification is not repeated: " + next);
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
            assertEquals(404, http.call("GET", "/v1.0/subscriptions/" + MEGAN, token, null).status());
        }
    }
}
