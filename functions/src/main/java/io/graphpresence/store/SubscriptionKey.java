package io.graphpresence.store;

/** Where a subscription is stored: subscriptions are kept per application of a tenant. */
public record SubscriptionKey(String tenantId, String appId, String id) {
}
