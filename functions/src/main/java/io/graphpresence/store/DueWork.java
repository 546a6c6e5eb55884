package io.graphpresence.store;

import java.util.List;

/**
 * What the schedule must look at now, from the "next change at" index.
 *
 * @param userIds       users whose presence changes by itself now (fading, expiry, a window opening)
 * @param subscriptions subscriptions due to expire, to ask for reauthorization, or to retry deliveries
 */
public record DueWork(List<String> userIds, List<SubscriptionKey> subscriptions) {
}
