package io.graphpresence.store;

import java.time.Instant;
import java.util.List;

/**
 * What the schedule (or a timer) must look at now, from the "next change at" index.
 *
 * @param users         users whose presence changes by itself now (fading, expiry, a window opening)
 * @param subscriptions subscriptions due to expire, to ask for reauthorization, or to retry deliveries
 * @param events        calendar events (user id, event id) that now overlap the coming day
 */
public record DueWork(List<DueUser> users, List<SubscriptionKey> subscriptions, List<DueEvent> events) {

    public static final DueWork NONE = new DueWork(List.of(), List.of(), List.of());

    /** A user and the moment its change fell due: a mark applies to that moment once. */
    public record DueUser(String userId, Instant dueAt) {
    }

    /** A calendar event to move onto its user's presence item. */
    public record DueEvent(String userId, String eventId) {
    }

    public boolean isEmpty() {
        return users.isEmpty() && subscriptions.isEmpty() && events.isEmpty();
    }

    public int size() {
        return users.size() + subscriptions.size() + events.size();
    }
}
