package io.graphpresence.store;

import java.time.Instant;
import java.util.List;

/**
 * What time alone brings about: the "next change at" index the schedule reads, and what the
 * schedule and the stream consumer write back. Any storage outage is a
 * {@link StoreUnavailableException}.
 */
public interface DueWorkStore {

    /** Users, subscriptions and calendar events with something due at or before {@code now}. */
    DueWork due(Instant now);

    /**
     * Marks that time alone changed what readers of the user see: a write that changes no
     * presence, so that the stream carries the change like any other.
     */
    void markTimeDrivenChange(String userId, Instant now);

    /** Moves an event that now overlaps the coming day onto its user's item (the schedule's part). */
    void moveEventNear(String userId, String eventId, Instant now);

    /**
     * What the stream consumer learned about a user: the fingerprint of the presence it has
     * notified, and the next moment the presence changes by itself; calendar events that
     * have ended leave the user's item.
     *
     * Not tied to a version: a write in between leaves a record of its own, which brings the
     * next change up to date.
     */
    void recordNotified(String userId, String shown, Instant nextChange, List<String> endedEvents);
}
