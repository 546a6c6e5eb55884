package io.graphpresence.notify;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Graph POSTs to subscribers (spec section 6): change and lifecycle notifications. */
public final class NotificationPayloads {

    public static final String PRESENCE_TYPE = "#Microsoft.Graph.presence";

    private NotificationPayloads() {
    }

    /**
     * One change of one user's presence.
     *
     * @param encrypted the presence as this subscriber may read it, encrypted (rich notifications), or null
     */
    public static Map<String, Object> change(Subscription subscription, String userId, String sequenceNumber,
                                             EncryptedContent encrypted) {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("subscriptionId", subscription.id());
        notification.put("clientState", subscription.clientState());
        notification.put("changeType", Subscription.CHANGE_TYPE);
        notification.put("resource", "communications/presences/" + userId);
        notification.put("subscriptionExpirationDateTime", instant(subscription.expiresAt()));
        notification.put("tenantId", subscription.subscriber().tenantId());
        Map<String, Object> resourceData = new LinkedHashMap<>();
        resourceData.put("@odata.type", PRESENCE_TYPE);
        resourceData.put("@odata.id", "users/" + userId + "/presence");
        resourceData.put("id", userId);
        resourceData.put("sequenceNumber", sequenceNumber);
        notification.put("resourceData", resourceData);
        if (encrypted != null) {
            notification.put("encryptedContent", encrypted.toJson());
        }
        return notification;
    }

    /** {@code reauthorizationRequired}: the token behind the subscription has expired. */
    public static Map<String, Object> reauthorizationRequired(Subscription subscription) {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("subscriptionId", subscription.id());
        notification.put("subscriptionExpirationDateTime", instant(subscription.expiresAt()));
        notification.put("tenantId", subscription.subscriber().tenantId());
        notification.put("clientState", subscription.clientState());
        notification.put("lifecycleEvent", "reauthorizationRequired");
        return notification;
    }

    /** Several notifications to one URL travel in one POST. */
    public static Map<String, Object> batch(List<Map<String, Object>> notifications) {
        return Map.of("value", notifications);
    }

    public static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** What a rich notification encrypts: the presence resource, typed as Graph types it. */
    public static Map<String, Object> richContent(String userId, Map<String, Object> presence) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("@odata.type", PRESENCE_TYPE);
        content.put("@odata.id", "users/" + userId + "/presence");
        content.putAll(presence);
        return content;
    }
}
