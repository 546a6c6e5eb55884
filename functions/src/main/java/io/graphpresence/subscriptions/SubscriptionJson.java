package io.graphpresence.subscriptions;

import io.graphpresence.notify.NotificationPayloads;
import io.graphpresence.notify.Subscription;

import java.util.LinkedHashMap;
import java.util.Map;

/** Graph's subscription resource. */
final class SubscriptionJson {

    private SubscriptionJson() {
    }

    static Map<String, Object> of(Subscription sub, String serviceRoot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", serviceRoot + "/$metadata#subscriptions/$entity");
        json.putAll(body(sub));
        return json;
    }

    static Map<String, Object> body(Subscription sub) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", sub.id());
        json.put("resource", sub.resource());
        json.put("applicationId", sub.subscriber().appId());
        json.put("changeType", Subscription.CHANGE_TYPE);
        json.put("clientState", sub.clientState());
        json.put("notificationUrl", sub.notificationUrl());
        json.put("lifecycleNotificationUrl", sub.lifecycleNotificationUrl());
        json.put("expirationDateTime", NotificationPayloads.instant(sub.expiresAt()));
        json.put("creatorId", sub.creatorId());
        json.put("includeResourceData", sub.includeResourceData());
        json.put("latestSupportedTlsVersion", "v1_2");
        json.put("encryptionCertificate", sub.encryptionCertificate());
        json.put("encryptionCertificateId", sub.encryptionCertificateId());
        json.put("notificationQueryOptions", null);
        json.put("notificationUrlAppId", null);
        return json;
    }
}
