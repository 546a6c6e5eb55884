package io.graphpresence.delivery;

import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.Subscription;
import io.graphpresence.store.DueWork;
import io.graphpresence.store.DueWorkStore;
import io.graphpresence.store.SubscriptionKey;
import io.graphpresence.store.SubscriptionStore;
import io.graphpresence.wiring.WorkerPools;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * What time alone brings about, applied: the same for a page of the schedule's sweep and for a
 * timer. A user's change is only marked here (once per due moment); the stream carries it to
 * subscribers like any write. Subscriptions are looked after side by side.
 */
@Singleton
public class TimeDrivenChanges {

    private final DueWorkStore dueWork;
    private final SubscriptionStore subscriptions;
    private final ChangeDispatcher dispatcher;
    // side by side: one slow endpoint's retry must not hold up the others (each waits up to 3 s)
    private final ExecutorService subscriptionRuns;

    public TimeDrivenChanges(DueWorkStore dueWork, SubscriptionStore subscriptions, ChangeDispatcher dispatcher,
                             WorkerPools pools) {
        this.dueWork = dueWork;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.subscriptionRuns = pools.fixed("due-subscription", 16);
    }

    /**
     * Applies what is due, until {@code deadline} ({@link System#nanoTime()}): what is left
     * stays due, for the next sweep.
     *
     * @return how many of the items were handled
     */
    public int apply(DueWork due, Instant now, long deadline) {
        int handled = 0;
        for (DueWork.DueEvent e : due.events()) {
            if (System.nanoTime() > deadline) {
                return handled;
            }
            dueWork.moveEventNear(e.userId(), e.eventId(), now);
            handled++;
        }
        for (DueWork.DueUser user : due.users()) {
            if (System.nanoTime() > deadline) {
                return handled;
            }
            dueWork.markTimeDrivenChange(user.userId(), user.dueAt(), now);
            handled++;
        }
        // side by side: one slow endpoint's retry must not hold up the others (each waits up to 3 s)
        List<CompletableFuture<Void>> looked = new ArrayList<>();
        for (SubscriptionKey key : due.subscriptions()) {
            looked.add(CompletableFuture.runAsync(() -> lookAfter(key, now), subscriptionRuns));
        }
        CompletableFuture.allOf(looked.toArray(CompletableFuture[]::new)).join();
        return handled + looked.size();
    }

    private void lookAfter(SubscriptionKey key, Instant now) {
        Optional<Subscription> found = subscriptions.findSubscription(key);
        if (found.isEmpty()) {
            return;
        }
        Subscription sub = found.get();
        if (!sub.expiresAt().isAfter(now)) {
            subscriptions.deleteSubscription(sub);
            return;
        }
        if (sub.reauthorizationDueAt(now)) {
            // one attempt: a lifecycle endpoint that is down is not asked again every run, but its
            // failure counts like any delivery's, so the subscription shows as failing and retries
            boolean asked = dispatcher.askToReauthorize(sub);
            DeliveryState state = asked ? sub.delivery() : sub.delivery().failedAt(now);
            sub = sub.withDelivery(state.withReauthorizationSent(true));
        }
        if (sub.delivery().failing() && !sub.delivery().retryAt().isAfter(now)) {
            dispatcher.retry(sub, now);
        } else {
            // records what is due next (a reauthorization sent, or nothing changed but the moment)
            subscriptions.recordDelivery(sub, sub.delivery());
        }
    }
}
