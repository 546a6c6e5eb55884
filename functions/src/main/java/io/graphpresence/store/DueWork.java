package io.graphpresence.store;

import java.util.List;

/**
 * What the schedule must look at now, from the "next change at" index.
 *
 * @param userIds       users whose presence changes by itself now (fading, expiry, a window opening)
 * @param subscriptions subscriptions due to expire, to ask for reauthorization, or to retry deliveries
 * @param events        calendar events (user id, event id) that now overlap the coming day
 */
public record DueWork(List<String> userIds, List<SubscriptionKey> subscriptions, List<DueEvent> events) {

    /** A calendar event to move onto its user's presence item. */
    public record DueEvent(String userId, String eventId) {
    }
}
