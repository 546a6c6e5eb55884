package io.graphpresence.delivery;

import io.graphpresence.store.DueTimer;

import java.time.Instant;
import java.util.Collection;

/**
 * Short timers for what falls due soon (docs/time-driven.md): each fires at its moment, at
 * least once, never early by design, possibly late or twice. Whoever applies it checks that
 * the item is still due at that moment.
 */
public interface ChangeTimers {

    /** Sets a timer for each, as late as its due moment and at most {@link DueTimer#LONGEST} ahead. */
    void set(Collection<DueTimer> timers, Instant now);
}
