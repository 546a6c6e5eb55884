package io.graphpresence.delivery;

import io.graphpresence.access.Caller;
import io.graphpresence.local.ClockSensitive;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Reply;
import io.graphpresence.local.StackRepository;
import io.graphpresence.local.WebhookReceiver;
import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.SubscriberKeys;
import io.graphpresence.notify.Subscription;
import io.graphpresence.store.SubscriptionKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, item 1: a subscription whose certificate cannot be used is refused at creation,
 * and one that reaches delivery anyway fails alone: subscribers of the same user and of
 * other users still hear of every change, and the bad one is marked failing.
 */
@ClockSensitive
class FailingSubscriberTest {

    static final Duration ARRIVES = io.graphpresence.local.Notifications.ARRIVES;
    static final String BAD_APP = "33333333-4444-4555-8666-777777777777";

    private LocalStack stack;
    private LocalHttp http;
    private WebhookReceiver good;
    private WebhookReceiver bad;
    private StackRepository store;

    @BeforeEach
    void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
        http = new LocalHttp(stack);
        good = new WebhookReceiver();
        bad = new WebhookReceiver();
        store = new StackRepository(stack);
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        good.close();
        bad.close();
        stack.close();
    }

    private String appToken() {
        return stack.tokens().mint(CONTOSO, APP, null, null, List.of("Presence.Read.All", "Presence.ReadWrite.All"),
                Duration.ofDays(1));
    }

    private Reply subscribe(String resource, String extra) throws Exception {
        Instant expiry = stack.clock().instant().plus(Duration.ofMinutes(59));
        return http.call("POST", "/v1.0/subscriptions", appToken(), "{\"changeType\":\"updated\",\"notificationUrl\":\""
                + good.url("/hook") + "\",\"resource\":\"" + resource + "\",\"expirationDateTime\":\"" + expiry
                + "\"" + extra + "}");
    }

    @Test
    void aWeakCertificateIsRefusedAtCreation() throws Exception {
        String weak = SubscriberKeys.rsa(512).certificateBase64();
        Reply refused = subscribe("communications/presences/" + ADELE, ",\"includeResourceData\":true,"
                + "\"encryptionCertificate\":\"" + weak + "\",\"encryptionCertificateId\":\"weak\"");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("2048"), refused.body());
        Reply list = http.call("GET", "/v1.0/subscriptions", appToken(), null);
        assertEquals(List.of(), list.json().get("value"));
    }

    @Test
    void aBadCertificateThatReachesDeliveryFailsAloneAndEveryoneElseIsNotified() throws Exception {
        assertEquals(201, subscribe("communications/presences/" + ADELE, "").status());
        assertEquals(201, subscribe("communications/presences/" + MEGAN, "").status());
        Subscription broken = storedWithWeakCertificate();

        setPresence(ADELE, "Busy", "InACall");
        setPresence(MEGAN, "Away", "Away");

        awaitNotified(Set.of(ADELE, MEGAN));
        Subscription after = store.repository().findSubscription(new SubscriptionKey(CONTOSO, BAD_APP, broken.id())).orElseThrow();
        assertTrue(after.delivery().failing(), "the subscription that cannot be encrypted for is marked failing");
        assertEquals(List.of(), bad.drain(Duration.ofMillis(300)), "nothing was sent to it");

        // and the stream goes on: a later change is notified too
        setPresence(ADELE, "Available", "Available");
        awaitNotified(Set.of(ADELE));
    }

    @Test
    void aReauthorizationRequestThatFailsIsRecordedLikeAnyFailedDelivery() throws Exception {
        // a token good for 20 minutes behind a subscription of 50: the lifecycle URL is asked then
        String shortLived = stack.tokens().mint(CONTOSO, APP, null, null, List.of("Presence.Read.All"),
                Duration.ofMinutes(20));
        Reply created = http.call("POST", "/v1.0/subscriptions", shortLived, "{\"changeType\":\"updated\","
                + "\"notificationUrl\":\"" + good.url("/hook") + "\",\"lifecycleNotificationUrl\":\""
                + bad.url("/life") + "\",\"resource\":\"communications/presences/" + ADELE
                + "\",\"expirationDateTime\":\"" + stack.clock().instant().plus(Duration.ofMinutes(50)) + "\"}");
        assertEquals(201, created.status(), created.body());
        String id = (String) created.json().get("id");
        bad.answerWith(500);

        http.moveClock("PT21M");
        var repository = store.repository();
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        boolean failing = false;
        while (!failing && System.nanoTime() < deadline) {
            failing = repository.findSubscription(new SubscriptionKey(CONTOSO, APP, id)).orElseThrow()
                    .delivery().failing();
            Thread.sleep(50);
        }
        assertTrue(bad.failedPosts() >= 1, "the lifecycle URL was asked, and answered 500");
        assertTrue(failing, "the failed reauthorization request is recorded as a failed delivery");
    }

    /** Written straight into the store, as if it had been accepted before the rules existed. */
    private Subscription storedWithWeakCertificate() throws Exception {
        Caller subscriber = new Caller(CONTOSO, null, BAD_APP, Set.of(), Set.of("Presence.Read.All"));
        Subscription sub = new Subscription(UUID.randomUUID().toString(), subscriber,
                "communications/presences/" + ADELE, List.of(ADELE), bad.url("/bad"), null,
                stack.clock().instant().plus(Duration.ofMinutes(50)), null, true,
                SubscriberKeys.rsa(512).certificateBase64(), "weak", null, DeliveryState.HEALTHY);
        store.repository().createSubscription(sub, stack.clock().instant(), 1000);
        return sub;
    }

    private void setPresence(String user, String availability, String activity) throws Exception {
        Reply set = http.call("POST", "/v1.0/users/" + user + "/presence/setPresence", appToken(),
                "{\"sessionId\":\"" + APP + "\",\"availability\":\"" + availability + "\",\"activity\":\"" + activity
                        + "\",\"expirationDuration\":\"PT1H\"}");
        assertEquals(200, set.status(), set.body());
    }

    @SuppressWarnings("unchecked")
    private void awaitNotified(Set<String> users) throws Exception {
        Set<String> waiting = new java.util.HashSet<>(users);
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            String post = good.next(Duration.ofMillis(200));
            if (post != null) {
                for (Map<String, Object> n : (List<Map<String, Object>>) http.parse(post).get("value")) {
                    waiting.remove(((String) n.get("resource")).substring("communications/presences/".length()));
                }
            }
        }
        assertEquals(Set.of(), waiting, "users whose change never reached the healthy subscribers");
    }
}
