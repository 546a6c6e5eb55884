package io.graphpresence.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of spec section 6 on what a subscription may ask for, without storage or HTTP. */
class SubscriptionRulesTest {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static final String A = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
    static final String B = "5f2a3b4c-6d7e-4f80-9a1b-2c3d4e5f6071";

    @Test
    void expiryIsRaisedTo45MinutesAndRefusedBeyond60() {
        assertEquals(NOW.plus(Duration.ofMinutes(45)), SubscriptionRules.expiry(NOW.plusSeconds(60), NOW));
        assertEquals(NOW.plus(Duration.ofMinutes(50)), SubscriptionRules.expiry(NOW.plus(Duration.ofMinutes(50)), NOW));
        assertEquals(NOW.plus(Duration.ofMinutes(60)), SubscriptionRules.expiry(NOW.plus(Duration.ofMinutes(60)), NOW));
        assertThrows(InvalidSubscriptionException.class,
                () -> SubscriptionRules.expiry(NOW.plus(Duration.ofMinutes(62)), NOW));
        assertThrows(InvalidSubscriptionException.class, () -> SubscriptionRules.expiry(null, NOW));
    }

    @Test
    void clientStateIsAtMost128CharactersAndChangeTypeOnlyUpdated() {
        SubscriptionRules.checkClientState("x".repeat(128));
        SubscriptionRules.checkClientState(null);
        assertThrows(InvalidSubscriptionException.class, () -> SubscriptionRules.checkClientState("x".repeat(129)));
        SubscriptionRules.checkChangeType("updated");
        assertThrows(InvalidSubscriptionException.class, () -> SubscriptionRules.checkChangeType("created"));
        assertThrows(InvalidSubscriptionException.class, () -> SubscriptionRules.checkEncryption(true, null, "id", java.time.Instant.now()));
        SubscriptionRules.checkEncryption(false, null, null, java.time.Instant.now());
    }

    @Test
    void bothResourceFormsGiveTheirIdsInLowerCaseWithoutRepeats() {
        assertEquals(List.of(A), PresenceResource.userIds("communications/presences/" + A.toUpperCase()));
        assertEquals(List.of(A), PresenceResource.userIds("/communications/presences/" + A));
        assertEquals(List.of(A, B), PresenceResource.userIds(
                "communications/presences?$filter=id in ('" + A + "', '" + B + "','" + A + "')"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "users/x/presence", "communications/presences", "communications/presences/not-a-guid",
            "communications/presences?$filter=id in (" + A + ")", "communications/presences?$filter=id eq '" + A + "'",
            "communications/presences?$filter=id in ('" + A + "',)", "/me/presence"})
    void anyOtherResourceIsRefused(String resource) {
        assertThrows(InvalidSubscriptionException.class, () -> PresenceResource.userIds(resource));
    }

    @Test
    void aFilterNamesAtMost650Users() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 651; i++) {
            ids.append(i == 0 ? "" : ",").append(String.format("'00000000-0000-4000-8000-%012d'", i));
        }
        assertThrows(InvalidSubscriptionException.class,
                () -> PresenceResource.userIds("communications/presences?$filter=id in (" + ids + ")"));
        String first650 = ids.substring(0, ids.lastIndexOf(","));
        assertEquals(650, PresenceResource.userIds("communications/presences?$filter=id in (" + first650 + ")").size());
    }

    private static NotificationUrlPolicy resolvingTo(boolean allowLoopback, String address) {
        return new NotificationUrlPolicy(allowLoopback, host -> {
            if (host.equals("nowhere.example")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[]{InetAddress.getByName(address)};
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "224.0.0.1"})
    void internalAddressesAreRefusedEvenBehindAPublicName(String address) {
        assertThrows(InvalidSubscriptionException.class,
                () -> resolvingTo(false, address).check("https://hooks.example/x", "notificationUrl"));
    }

    @Test
    void httpsToAPublicAddressIsTheOnlyWayOutsideTheLocalStack() {
        assertEquals("hooks.example", resolvingTo(false, "8.8.8.8").check("https://hooks.example/x", "n").host());
        assertThrows(InvalidSubscriptionException.class,
                () -> resolvingTo(false, "8.8.8.8").check("http://hooks.example/x", "n"));
        assertThrows(InvalidSubscriptionException.class,
                () -> resolvingTo(false, "8.8.8.8").check("https://user:pw@hooks.example/x", "n"));
        assertThrows(InvalidSubscriptionException.class,
                () -> resolvingTo(false, "8.8.8.8").check("https://nowhere.example/x", "n"));
        assertThrows(InvalidSubscriptionException.class, () -> resolvingTo(false, "8.8.8.8").check("ftp://x.example/", "n"));
    }

    @Test
    void theLocalStackAllowsHttpOnLoopbackOnly() {
        resolvingTo(true, "127.0.0.1").check("http://127.0.0.1:9000/hook", "n");
        assertThrows(InvalidSubscriptionException.class,
                () -> resolvingTo(true, "10.0.0.1").check("https://internal.example/hook", "n"));
        assertThrows(InvalidSubscriptionException.class,
                () -> resolvingTo(true, "8.8.8.8").check("http://hooks.example/x", "n"));
    }

    @Test
    void retriesBackOffExponentiallyAndGiveUpAfterFourHours() {
        DeliveryState first = DeliveryState.HEALTHY.failedAt(NOW);
        assertEquals(NOW.plusSeconds(10), first.retryAt());
        DeliveryState second = first.failedAt(NOW.plusSeconds(10));
        assertEquals(NOW.plusSeconds(30), second.retryAt(), "20 s after the second failure");
        assertEquals(NOW, second.failingSince());
        DeliveryState many = second;
        for (int i = 0; i < 20; i++) {
            many = many.failedAt(NOW.plusSeconds(60));
        }
        assertEquals(NOW.plusSeconds(60).plus(Duration.ofMinutes(30)), many.retryAt(), "never more than 30 minutes apart");
        assertFalse(many.givenUpAt(NOW.plus(Duration.ofHours(4)).minusSeconds(1)));
        assertTrue(many.givenUpAt(NOW.plus(Duration.ofHours(4))));
        assertFalse(many.recovered().failing());
    }

    @Test
    void notificationsCarryGraphsFields() {
        var caller = new io.graphpresence.access.Caller("t", null, "app", java.util.Set.of(), java.util.Set.of("Presence.Read.All"));
        Subscription sub = new Subscription("s", caller, "communications/presences/" + A, List.of(A), "https://h.example",
                "https://l.example", NOW.plusSeconds(3600), "state", false, null, null, NOW.plusSeconds(600),
                DeliveryState.HEALTHY);
        Map<String, Object> change = NotificationPayloads.change(sub, A, "42", null);
        assertEquals("communications/presences/" + A, change.get("resource"));
        assertEquals("2026-11-23T10:00:00Z", change.get("subscriptionExpirationDateTime"));
        assertEquals("reauthorizationRequired", NotificationPayloads.reauthorizationRequired(sub).get("lifecycleEvent"));
        assertEquals(NOW.plusSeconds(600), sub.nextDueAt(), "the token expires first");
        assertTrue(sub.reauthorizationDueAt(NOW.plusSeconds(600)));
        assertFalse(sub.withDelivery(DeliveryState.HEALTHY.withReauthorizationSent(true)).reauthorizationDueAt(NOW.plusSeconds(600)));
    }
}
