package io.graphpresence.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What time alone brings about: the "next change at" index the schedule reads, and what the
 * schedule, the timers and the stream consumer write back. Any storage outage is a
 * {@link StoreUnavailableException}.
 */
public interface DueWorkStore {

    /**
     * Every part of the index that may hold something due at or before {@code now}: each is
     * read page by page ({@link #duePage}), so any number of workers can share the reading.
     */
    List<DueSlice> dueSlices(Instant now);

    /** At most {@code limit} things due at or before {@code now} in the slice, and the rest of it. */
    DuePage duePage(DueSlice slice, Instant now, int limit);

    /**
     * After a sweep: every slice before the oldest of {@code stillHolding} was found empty,
     * so later sweeps start there (and never miss anything due earlier that is still waiting).
     */
    void sweptUpTo(Instant now, Collection<DueSlice> stillHolding);

    /**
     * Marks that time alone changed what readers of the user see: a write that changes no
     * presence, so that the stream carries the change like any other. Once per due moment:
     * only while the user's next change is still {@code dueAt} and that moment not yet marked, so a timer
     * that fires twice, or the sweep meeting what a timer already did, changes nothing.
     *
     * @return whether it marked (false: already marked, moved on, or the user is gone)
     */
    boolean markTimeDrivenChange(String userId, Instant dueAt, Instant now);

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
