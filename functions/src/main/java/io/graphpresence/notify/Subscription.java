package io.graphpresence.notify;

import io.graphpresence.access.Caller;

import java.time.Instant;
import java.util.List;

/**
 * A presence subscription (spec section 6) and who made it: the subscriber's permissions and
 * tenant decide, at every delivery, what it may be told.
 *
 * @param userIds               the users its resource watches, in the resource's order
 * @param tokenExpiresAt        when the token that created or last reauthorized it expires
 *                              (null when unknown): the moment of the reauthorizationRequired lifecycle notification
 * @param delivery              the state of failing deliveries, {@link DeliveryState#HEALTHY} when none
 */
public record Subscription(String id, Caller subscriber, String resource, List<String> userIds,
                           String notificationUrl, String lifecycleNotificationUrl, Instant expiresAt,
                           String clientState, boolean includeResourceData, String encryptionCertificate,
                           String encryptionCertificateId, Instant tokenExpiresAt, DeliveryState delivery) {

    public static final String CHANGE_TYPE = "updated";

    /** The creator Graph reports: the signed-in user, or the application for an application token. */
    public String creatorId() {
        return subscriber.isDelegated() ? subscriber.userId() : subscriber.appId();
    }

    /** Whether the subscriber must be told to reauthorize now: once, before the subscription itself expires. */
    public boolean reauthorizationDueAt(Instant now) {
        return reauthorizationPending() && !now.isBefore(tokenExpiresAt);
    }

    /** The token expires before the subscription, and the lifecycle URL has not been told yet. */
    private boolean reauthorizationPending() {
        return lifecycleNotificationUrl != null && tokenExpiresAt != null && !delivery.reauthorizationSent()
                && tokenExpiresAt.isBefore(expiresAt);
    }

    /** The next moment the schedule must look at this subscription: expiry, reauthorization or a retry. */
    public Instant nextDueAt() {
        Instant due = reauthorizationPending() ? tokenExpiresAt : expiresAt;
        if (delivery.retryAt() != null && delivery.retryAt().isBefore(due)) {
            due = delivery.retryAt();
        }
        return due;
    }

    public Subscription withDelivery(DeliveryState state) {
        return new Subscription(id, subscriber, resource, userIds, notificationUrl, lifecycleNotificationUrl,
                expiresAt, clientState, includeResourceData, encryptionCertificate, encryptionCertificateId,
                tokenExpiresAt, state);
    }

    public Subscription renewed(Instant newExpiry, Instant newTokenExpiry, boolean reauthorized) {
        DeliveryState state = reauthorized ? delivery.withReauthorizationSent(false) : delivery;
        return new Subscription(id, subscriber, resource, userIds, notificationUrl, lifecycleNotificationUrl,
                newExpiry, clientState, includeResourceData, encryptionCertificate, encryptionCertificateId,
                reauthorized ? newTokenExpiry : tokenExpiresAt, state);
    }
}
