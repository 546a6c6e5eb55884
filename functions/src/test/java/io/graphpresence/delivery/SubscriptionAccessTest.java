package io.graphpresence.delivery;

import io.graphpresence.access.Caller;
import io.graphpresence.local.ClockSensitive;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, items 3 and 8: every subscription operation needs the read permission for what
 * it watches, at the moment of the call; an application has a quota of subscriptions; the
 * list is paged with {@code @odata.nextLink}.
 */
@ClockSensitive
class SubscriptionAccessTest {

    static final int QUOTA = 3;
    static final String APP = "44444444-5555-4666-8777-888888888888";

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start(Map.of("presence.subscriptions.per-application", QUOTA));
    static WebhookReceiver receiver;

    @BeforeAll
    static void receive() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private static String token(String appId, String... roles) {
        return harness.tokens.mint(CONTOSO, appId, null, null, List.of(roles), Duration.ofHours(1));
    }

    private static Reply create(String token, String user) {
        return harness.post("/v1.0/subscriptions", token, "{\"changeType\":\"updated\",\"notificationUrl\":\""
                + receiver.url("/hook") + "\",\"resource\":\"communications/presences/" + user
                + "\",\"expirationDateTime\":\"" + harness.clock.instant().plus(Duration.ofMinutes(50)) + "\"}");
    }

    @Test
    void aTokenWithoutTheReadPermissionCanNeitherReadRenewNorDeleteItsApplicationsSubscription() {
        String app = UUID.randomUUID().toString();
        Reply created = create(token(app, "Presence.Read.All"), ADELE);
        assertEquals(201, created.status(), created.body());
        String id = (String) created.json().get("id");
        String path = "/v1.0/subscriptions/" + id;
        String expiry = "{\"expirationDateTime\":\"" + harness.clock.instant().plus(Duration.ofMinutes(55)) + "\"}";
        for (String noRead : List.of(token(app), token(app, "Calendars.ReadWrite"))) {
            assertEquals(403, harness.get(path, noRead).status());
            assertEquals(403, harness.get("/v1.0/subscriptions", noRead).status());
            assertEquals(403, harness.call("PATCH", path, noRead, expiry).status());
            assertEquals(403, harness.post(path + "/reauthorize", noRead, null).status());
            assertEquals(403, harness.call("DELETE", path, noRead, null).status());
        }
        String reader = token(app, "Presence.Read.All");
        assertEquals(200, harness.get(path, reader).status(), "still there, unchanged");
        assertEquals(204, harness.call("DELETE", path, reader, null).status());
    }

    @Test
    void anApplicationHasAQuotaOfSubscriptionsAndADeletionGivesAPlaceBack() {
        String app = UUID.randomUUID().toString();
        String reader = token(app, "Presence.Read.All");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < QUOTA; i++) {
            Reply created = create(reader, i % 2 == 0 ? ADELE : MEGAN);
            assertEquals(201, created.status(), created.body());
            ids.add((String) created.json().get("id"));
        }
        Reply over = create(reader, ADELE);
        assertEquals(403, over.status(), over.body());
        assertTrue(over.body().contains("limit of " + QUOTA), over.body());
        assertEquals(201, create(token(UUID.randomUUID().toString(), "Presence.Read.All"), ADELE).status(),
                "another application has a quota of its own");
        assertEquals(204, harness.call("DELETE", "/v1.0/subscriptions/" + ids.get(0), reader, null).status());
        assertEquals(201, create(reader, ADELE).status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theListIsPagedAndEverySubscriptionIsOnExactlyOnePage() {
        Caller subscriber = new Caller(CONTOSO, null, APP, Set.of(), Set.of("Presence.Read.All"));
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            Subscription sub = new Subscription(UUID.randomUUID().toString(), subscriber,
                    "communications/presences/" + ADELE, List.of(ADELE), receiver.url("/hook"), null,
                    harness.clock.instant().plus(Duration.ofMinutes(50)), null, false, null, null, null,
                    DeliveryState.HEALTHY);
            harness.repository().createSubscription(sub, harness.clock.instant(), 1000);
            stored.add(sub.id());
        }
        String reader = token(APP, "Presence.Read.All");
        Set<String> listed = new HashSet<>();
        String next = "/v1.0/subscriptions";
        int pages = 0;
        while (next != null) {
            Reply page = harness.get(next.replace("http://127.0.0.1:8080", ""), reader);
            assertEquals(200, page.status(), page.body());
            List<Map<String, Object>> value = (List<Map<String, Object>>) page.json().get("value");
            assertTrue(value.size() <= 100, "a page holds at most 100");
            value.forEach(s -> assertTrue(listed.add((String) s.get("id")), "listed twice: " + s.get("id")));
            next = (String) page.json().get("@odata.nextLink");
            pages++;
        }
        assertEquals(stored, listed);
        assertTrue(pages >= 3, pages + " pages");
        assertEquals(400, harness.get("/v1.0/subscriptions?$skiptoken=not-an-id", reader).status());
        assertFalse(listed.isEmpty());
        assertNotNull(harness.repository());
    }
}
