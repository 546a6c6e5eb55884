package io.graphpresence.sdk;

import io.graphpresence.local.ClockSensitive;
import com.microsoft.graph.models.Presence;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.presence.setpresence.SetPresencePostRequestBody;
import com.microsoft.kiota.PeriodAndDuration;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Notifications;
import io.graphpresence.local.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Microsoft Graph Java SDK manages a presence change-notification subscription
 * against the local stack (create, list, get, renew, delete), and a presence change it makes
 * reaches a real receiver on loopback.
 */
@ClockSensitive
class GraphSdkSubscriptionsTest {

    static final String CLIENT_STATE = "sdk-secret";

    private LocalStack stack;
    private WebhookReceiver receiver;
    private GraphServiceClient client;

    @BeforeEach
    void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
        receiver = new WebhookReceiver();
        client = appClient("Presence.Read.All", "Presence.ReadWrite.All");
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
        stack.close();
    }

    /** A Graph client with an application token (no user) holding {@code roles}. */
    private GraphServiceClient appClient(String... roles) {
        return LocalGraphClients.application(stack, CONTOSO, APP, roles);
    }

    private OffsetDateTime minutesAhead(long minutes) {
        return stack.clock().instant().plus(Duration.ofMinutes(minutes)).atOffset(ZoneOffset.UTC);
    }

    private static Instant toSecond(OffsetDateTime time) {
        return time.toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    private Subscription subscribe(WebhookReceiver to, String resource, OffsetDateTime expiry) {
        Subscription subscription = new Subscription();
        subscription.setChangeType("updated");
        subscription.setNotificationUrl(to.url("/hook"));
        subscription.setResource(resource);
        subscription.setExpirationDateTime(expiry);
        subscription.setClientState(CLIENT_STATE);
        return client.subscriptions().post(subscription);
    }

    /** A new body each time: the SDK's backing store sends only what changed in a reused one. */
    private void setPresence(String user, String availability, String activity) {
        SetPresencePostRequestBody body = new SetPresencePostRequestBody();
        body.setSessionId(APP);
        body.setAvailability(availability);
        body.setActivity(activity);
        body.setExpirationDuration(PeriodAndDuration.ofDuration(Duration.ofHours(1)));
        client.users().byUserId(user).presence().setPresence().post(body);
    }

    /** Waits for a notification of {@code user} from {@code subscriptionId} carrying {@code sequenceNumber}. */
    private static Map<String, Object> await(WebhookReceiver on, String subscriptionId, String user, String sequenceNumber)
            throws Exception {
        Predicate<Map<String, Object>> wanted = Notifications.of(user, sequenceNumber)
                .and(n -> subscriptionId.equals(n.get("subscriptionId")));
        return Notifications.until(on, wanted).stream().filter(wanted).findFirst().orElseThrow();
    }

    @Test
    void createListAndGetThroughTheSdk() {
        OffsetDateTime asked = minutesAhead(59);
        String resource = "communications/presences/" + ADELE;
        Subscription created = subscribe(receiver, resource, asked);

        assertNotNull(created.getId());
        assertEquals(resource, created.getResource());
        assertEquals("updated", created.getChangeType());
        assertNotNull(created.getExpirationDateTime());
        assertEquals(toSecond(asked), toSecond(created.getExpirationDateTime()));
        assertEquals(FunctionHarness.START.plus(Duration.ofMinutes(59)), toSecond(created.getExpirationDateTime()));
        assertEquals(CLIENT_STATE, created.getClientState());
        assertEquals(APP, created.getApplicationId());
        assertEquals(receiver.url("/hook"), created.getNotificationUrl());

        List<Subscription> listed = client.subscriptions().get().getValue();
        assertNotNull(listed);
        assertEquals(List.of(created.getId()), listed.stream().map(Subscription::getId).toList());
        assertEquals(resource, listed.get(0).getResource());

        Subscription read = client.subscriptions().bySubscriptionId(created.getId()).get();
        assertEquals(created.getId(), read.getId());
        assertEquals(resource, read.getResource());
        assertEquals("updated", read.getChangeType());
        assertEquals(toSecond(asked), toSecond(read.getExpirationDateTime()));
        assertEquals(APP, read.getApplicationId());
    }

    @Test
    void aFilteredSubscriptionIsCreatedAsAsked() {
        String resource = "communications/presences?$filter=id in ('" + ADELE + "','" + FunctionHarness.MEGAN + "')";
        Subscription created = subscribe(receiver, resource, minutesAhead(45));
        assertEquals(resource, created.getResource());
        assertEquals(resource, client.subscriptions().bySubscriptionId(created.getId()).get().getResource());
    }

    @Test
    void aPresenceChangeMadeThroughTheSdkReachesTheReceiver() throws Exception {
        Subscription created = subscribe(receiver, "communications/presences/" + ADELE, minutesAhead(59));

        setPresence(ADELE, "Busy", "InACall");
        Presence now = client.users().byUserId(ADELE).presence().get();
        assertEquals("Busy/InACall", now.getAvailability() + "/" + now.getActivity());
        assertNotNull(now.getSequenceNumber());

        Map<String, Object> n = await(receiver, created.getId(), ADELE, now.getSequenceNumber());
        assertEquals(CLIENT_STATE, n.get("clientState"));
        assertEquals("updated", n.get("changeType"));
        assertEquals(CONTOSO, n.get("tenantId"));
        assertEquals(FunctionHarness.START.plus(Duration.ofMinutes(59)).toString(), n.get("subscriptionExpirationDateTime"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) n.get("resourceData");
        assertEquals(ADELE, data.get("id"));
        assertEquals("users/" + ADELE + "/presence", data.get("@odata.id"));
    }

    @Test
    void renewingMovesTheExpiration() {
        Subscription created = subscribe(receiver, "communications/presences/" + ADELE, minutesAhead(45));
        assertEquals(FunctionHarness.START.plus(Duration.ofMinutes(45)), toSecond(created.getExpirationDateTime()));

        OffsetDateTime later = minutesAhead(60);
        Subscription renewal = new Subscription();
        renewal.setExpirationDateTime(later);
        Subscription renewed = client.subscriptions().bySubscriptionId(created.getId()).patch(renewal);

        assertNotNull(renewed, "PATCH answers with the subscription");
        assertEquals(created.getId(), renewed.getId());
        assertEquals(toSecond(later), toSecond(renewed.getExpirationDateTime()));
        Subscription read = client.subscriptions().bySubscriptionId(created.getId()).get();
        assertEquals(FunctionHarness.START.plus(Duration.ofHours(1)), toSecond(read.getExpirationDateTime()));
        assertEquals("communications/presences/" + ADELE, read.getResource());
        assertEquals(CLIENT_STATE, read.getClientState());
    }

    @Test
    void aDeletedSubscriptionIsGoneAndHearsNothing() throws Exception {
        Subscription doomed = subscribe(receiver, "communications/presences/" + ADELE, minutesAhead(59));
        try (WebhookReceiver control = new WebhookReceiver()) {
            // A second subscription on its own receiver proves changes are still being delivered.
            Subscription kept = subscribe(control, "communications/presences/" + ADELE, minutesAhead(59));

            client.subscriptions().bySubscriptionId(doomed.getId()).delete();

            ODataError gone = assertThrows(ODataError.class,
                    () -> client.subscriptions().bySubscriptionId(doomed.getId()).get());
            assertEquals(404, gone.getResponseStatusCode());
            assertNotNull(gone.getError());
            assertEquals("NotFound", gone.getError().getCode());
            assertEquals(List.of(kept.getId()),
                    client.subscriptions().get().getValue().stream().map(Subscription::getId).toList());

            setPresence(ADELE, "DoNotDisturb", "Presenting");
            String sequence = client.users().byUserId(ADELE).presence().get().getSequenceNumber();
            await(control, kept.getId(), ADELE, sequence);
            Notifications.assertQuiet(receiver, "a deleted subscription hears nothing");
            assertTrue(control.drain(Duration.ofMillis(300)).stream().noneMatch(p -> p.contains(doomed.getId())));
        }

        ODataError again = assertThrows(ODataError.class,
                () -> client.subscriptions().bySubscriptionId(doomed.getId()).delete());
        assertEquals(404, again.getResponseStatusCode());
    }

    @Test
    void theSdksPageIteratorFollowsNextLinkThroughEveryPage() throws Exception {
        java.util.Set<String> stored = new java.util.HashSet<>();
        try (io.graphpresence.local.StackRepository store = new io.graphpresence.local.StackRepository(stack)) {
            io.graphpresence.access.Caller subscriber = new io.graphpresence.access.Caller(CONTOSO, null, APP,
                    java.util.Set.of(), java.util.Set.of("Presence.Read.All"));
            for (int i = 0; i < 230; i++) {
                io.graphpresence.notify.Subscription sub = new io.graphpresence.notify.Subscription(
                        java.util.UUID.randomUUID().toString(), subscriber, "communications/presences/" + ADELE,
                        List.of(ADELE), receiver.url("/hook"), null, stack.clock().instant().plus(Duration.ofMinutes(50)),
                        null, false, null, null, null, io.graphpresence.notify.DeliveryState.HEALTHY);
                store.repository().createSubscription(sub, stack.clock().instant(), 1000);
                stored.add(sub.id());
            }
        }
        var first = client.subscriptions().get();
        assertNotNull(first.getOdataNextLink(), "more than one page");
        java.util.Set<String> listed = new java.util.HashSet<>();
        new com.microsoft.graph.core.tasks.PageIterator.Builder<Subscription,
                com.microsoft.graph.models.SubscriptionCollectionResponse>()
                .client(client).collectionPage(first)
                .collectionPageFactory(com.microsoft.graph.models.SubscriptionCollectionResponse::createFromDiscriminatorValue)
                .processPageItemCallback(sub -> listed.add(sub.getId()))
                .build().iterate();
        assertEquals(stored, listed);
    }
}
