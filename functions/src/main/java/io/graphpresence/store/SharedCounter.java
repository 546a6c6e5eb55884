package io.graphpresence.store;

import java.time.Instant;

/**
 * A count shared by every function instance, one per scope and window: throttling's only
 * storage. Each call is one write, so callers batch what they add.
 */
public interface SharedCounter {

    /**
     * Adds {@code amount} to the count of {@code scope} in the window starting at {@code windowStart}.
     *
     * @param forgetAfter when storage may drop the count (the window is long over by then)
     * @return the count after the addition, every instance's flushed calls included
     * @throws StoreUnavailableException when the table cannot be reached
     */
    long add(String scope, Instant windowStart, long amount, Instant forgetAfter);
}
