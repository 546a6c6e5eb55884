package io.graphpresence.store;

import io.graphpresence.access.Caller;
import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.Subscription;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static io.graphpresence.store.PresenceItems.millis;
import static io.graphpresence.store.PresenceItems.n;
import static io.graphpresence.store.PresenceItems.s;
import static io.graphpresence.store.PresenceItems.strings;

/**
 * How subscriptions are stored. A subscription is an item under its application
 * ({@code APP#tenant#app / SUB#id}), so an application lists and finds only its own; each
 * watched user has a watch item ({@code WATCH#user / SUB#id}), so the users a change touches
 * find their subscriptions with one query; a delegated subscription also claims
 * {@code USER#user / DELEGATED#tenant#app}, Graph's one-per-app-and-user limit as a conditional
 * write, kept under the user so that deleting the user finds what they subscribed to;
 * {@code APP#tenant#app / COUNT} counts the application's subscriptions against its quota.
 */
final class SubscriptionItems {

    static final String APP_PREFIX = "APP#";
    static final String SUB_PREFIX = "SUB#";
    static final String WATCH_PREFIX = "WATCH#";
    static final String DELEGATED_PREFIX = "DELEGATED#";
    static final String PENDING_PREFIX = "PENDING#";

    static final String SUBSCRIPTION_PK = "subPk";
    static final String EXPIRES_AT = "expiresAt";
    static final String MARKER = "marker";
    static final String SUBSCRIPTION_ID = "subId";
    static final String USER_IDS = "userIds";
    /** The application's subscription count: {@code APP#tenant#app / COUNT}, attribute {@code n}. */
    static final String COUNT_KEY = "COUNT";
    static final String COUNT = "n";
    // after expiry the schedule removes a subscription; TTL is the safety net a day later
    private static final long TTL_GRACE_SECONDS = 24 * 3600;

    private SubscriptionItems() {
    }

    static String appPartition(String tenantId, String appId) {
        return APP_PREFIX + tenantId + "#" + appId;
    }

    static Map<String, AttributeValue> key(SubscriptionKey key) {
        return PresenceItems.key(appPartition(key.tenantId(), key.appId()), SUB_PREFIX + key.id());
    }

    static SubscriptionKey keyOf(Subscription subscription) {
        return new SubscriptionKey(subscription.subscriber().tenantId(), subscription.subscriber().appId(),
                subscription.id());
    }

    static Map<String, AttributeValue> delegatedClaimKey(String tenantId, String appId, String userId) {
        return PresenceItems.key(PresenceItems.USER_PREFIX + userId, DELEGATED_PREFIX + tenantId + "#" + appId);
    }

    /** The subscription a delegated claim (as {@link #delegatedClaimKey} keys it) stands for. */
    static SubscriptionKey claimedSubscription(Map<String, AttributeValue> claim) {
        String[] tenantAndApp = claim.get(TableLayout.SORT_KEY).s().substring(DELEGATED_PREFIX.length()).split("#");
        return new SubscriptionKey(tenantAndApp[0], tenantAndApp[1], claim.get(SUBSCRIPTION_ID).s());
    }

    /** The subscription a watch ({@code WATCH#user / SUB#id}, naming its application's partition) stands for. */
    static SubscriptionKey watchedBy(Map<String, AttributeValue> watch) {
        String[] tenantAndApp = watch.get(SUBSCRIPTION_PK).s().substring(APP_PREFIX.length()).split("#", 2);
        return new SubscriptionKey(tenantAndApp[0], tenantAndApp[1],
                watch.get(TableLayout.SORT_KEY).s().substring(SUB_PREFIX.length()));
    }

    static Map<String, AttributeValue> watchKey(String userId, String subscriptionId) {
        return PresenceItems.key(WATCH_PREFIX + userId, SUB_PREFIX + subscriptionId);
    }

    static Map<String, AttributeValue> pendingKey(String subscriptionId, String userId) {
        return PresenceItems.key(PENDING_PREFIX + subscriptionId, PresenceItems.USER_PREFIX + userId);
    }

    static AttributeValue ttl(Instant expiresAt) {
        return n(expiresAt.getEpochSecond() + TTL_GRACE_SECONDS);
    }

    static Map<String, AttributeValue> subscription(Subscription sub, int dueShards) {
        Map<String, AttributeValue> item = new HashMap<>(key(keyOf(sub)));
        Caller caller = sub.subscriber();
        item.put("tenantId", s(caller.tenantId()));
        item.put("appId", s(caller.appId()));
        if (caller.userId() != null) {
            item.put("oid", s(caller.userId()));
        }
        item.put("scp", strings(List.copyOf(caller.scopes())));
        item.put("roles", strings(List.copyOf(caller.roles())));
        item.put("resource", s(sub.resource()));
        item.put(USER_IDS, strings(sub.userIds()));
        item.put("notificationUrl", s(sub.notificationUrl()));
        putIfPresent(item, "lifecycleUrl", sub.lifecycleNotificationUrl());
        item.put(EXPIRES_AT, millis(sub.expiresAt()));
        putIfPresent(item, "clientState", sub.clientState());
        item.put("rich", AttributeValue.fromBool(sub.includeResourceData()));
        putIfPresent(item, "cert", sub.encryptionCertificate());
        putIfPresent(item, "certId", sub.encryptionCertificateId());
        if (sub.tokenExpiresAt() != null) {
            item.put("tokenExpiresAt", millis(sub.tokenExpiresAt()));
        }
        putDelivery(item, sub.delivery());
        item.put(TableLayout.TTL, ttl(sub.expiresAt()));
        item.putAll(DueIndex.entry(item.get(TableLayout.PARTITION_KEY).s() + item.get(TableLayout.SORT_KEY).s(),
                sub.nextDueAt(), dueShards));
        return item;
    }

    private static void putDelivery(Map<String, AttributeValue> item, DeliveryState delivery) {
        if (delivery.failingSince() != null) {
            item.put("failingSince", millis(delivery.failingSince()));
            item.put("retryAt", millis(delivery.retryAt()));
        }
        item.put("attempts", n(delivery.attempts()));
        item.put("reauthSent", AttributeValue.fromBool(delivery.reauthorizationSent()));
    }

    static Subscription toSubscription(Map<String, AttributeValue> item) {
        String sk = item.get(TableLayout.SORT_KEY).s();
        Caller caller = new Caller(str(item, "tenantId"), str(item, "oid"), str(item, "appId"),
                new HashSet<>(list(item, "scp")), new HashSet<>(list(item, "roles")));
        DeliveryState delivery = new DeliveryState(instant(item, "failingSince"), (int) num(item, "attempts"),
                instant(item, "retryAt"), item.containsKey("reauthSent") && item.get("reauthSent").bool());
        return new Subscription(sk.substring(SUB_PREFIX.length()), caller, str(item, "resource"),
                list(item, USER_IDS), str(item, "notificationUrl"), str(item, "lifecycleUrl"),
                instant(item, EXPIRES_AT), str(item, "clientState"), item.get("rich").bool(), str(item, "cert"),
                str(item, "certId"), instant(item, "tokenExpiresAt"), delivery);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }

    private static List<String> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }
}
