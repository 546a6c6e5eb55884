package io.graphpresence.delivery;

import io.graphpresence.store.SubscriptionKey;

import java.time.Instant;
import java.util.List;

/**
 * Where a change watched by many goes to be delivered in bounded batches, in parallel, by the
 * fan-out function (docs/fan-out.md): at least once, a group's batches in order.
 */
public interface FanOutQueue {

    /**
     * Whether a user goes through the queue when this many notifications (theirs and those of
     * the users before them in the same call) would otherwise be posted at once.
     */
    boolean takes(int notifications);

    /** How a change's watchers are split: the queue's own bounds. */
    List<FanOutBatch> split(String userId, String sequenceNumber, Instant changedAt,
                            List<SubscriptionKey> watchers);

    /**
     * Queues every batch, each group's in the order given.
     *
     * @throws FanOutUnavailableException when not all could be queued: the change must be tried
     *                                    again (a batch queued twice within minutes is kept once)
     */
    void send(List<FanOutBatch> batches);
}
