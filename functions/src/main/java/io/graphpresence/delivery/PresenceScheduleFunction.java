package io.graphpresence.delivery;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.Subscription;
import io.graphpresence.observe.MetricLine;
import io.graphpresence.observe.Metrics;
import io.graphpresence.observe.RequestLog;
import io.graphpresence.store.DueWork;
import io.graphpresence.store.DueWorkStore;
import io.graphpresence.store.SubscriptionKey;
import io.graphpresence.store.SubscriptionStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs every minute (every second and after each clock move on the local stack): makes what
 * time alone changes visible, and looks after subscriptions. It reads only what the "next
 * change at" index says is due, so a run costs what is due, not the number of users.
 * A user's change is only marked here; the stream carries it to subscribers like any write.
 */
public class PresenceScheduleFunction extends MicronautRequestHandler<ScheduledEvent, String> {

    private static final ExecutorService SUBSCRIPTIONS = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "schedule-subscription");
        t.setDaemon(true);
        return t;
    });

    private final DueWorkStore dueWork = getApplicationContext().getBean(DueWorkStore.class);
    private final SubscriptionStore subscriptions = getApplicationContext().getBean(SubscriptionStore.class);
    private final ChangeDispatcher dispatcher = getApplicationContext().getBean(ChangeDispatcher.class);
    private final Clock clock = getApplicationContext().getBean(Clock.class);
    private final Metrics metrics = getApplicationContext().getBean(Metrics.class);

    public PresenceScheduleFunction() {
    }

    public PresenceScheduleFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public String execute(ScheduledEvent event) {
        try (RequestLog log = RequestLog.start("PresenceSchedule", event.getId(), null)) {
            DueWork due = run(event);
            String summary = "users=" + due.userIds().size() + " subscriptions=" + due.subscriptions().size()
                    + " events=" + due.events().size();
            // a run with nothing due says nothing: the local stack runs every second
            if (!due.userIds().isEmpty() || !due.subscriptions().isEmpty() || !due.events().isEmpty()) {
                log.finished(summary);
            }
            return summary;
        }
    }

    private DueWork run(ScheduledEvent event) {
        Instant now = clock.instant();
        DueWork due = dueWork.due(now);
        int dueItems = due.userIds().size() + due.subscriptions().size() + due.events().size();
        // EventBridge's runs are always counted; the local stack's (every second, untimed) when something is due
        if (dueItems > 0 || event.getTime() != null) {
            metrics.emit(MetricLine.of().count("ScheduleDueItems", dueItems)
                    .millis("ScheduleLateness", lateness(event, now)));
        }
        due.events().forEach(e -> dueWork.moveEventNear(e.userId(), e.eventId(), now));
        due.userIds().forEach(user -> dueWork.markTimeDrivenChange(user, now));
        // side by side: one slow endpoint's retry must not hold up the others (each waits up to 3 s)
        CompletableFuture.allOf(due.subscriptions().stream()
                .map(key -> CompletableFuture.runAsync(() -> lookAfter(key, now), SUBSCRIPTIONS))
                .toArray(CompletableFuture[]::new)).join();
        return due;
    }

    /**
     * How long after its scheduled minute this run started: EventBridge stamps the event with
     * the time it was due; the local stack's runs carry no time and are never late.
     */
    private static long lateness(ScheduledEvent event, Instant now) {
        if (event.getTime() == null) {
            return 0;
        }
        return Math.max(0, now.toEpochMilli() - event.getTime().getMillis());
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
