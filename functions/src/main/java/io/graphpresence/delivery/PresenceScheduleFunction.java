package io.graphpresence.delivery;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.observe.MetricLine;
import io.graphpresence.observe.Metrics;
import io.graphpresence.observe.RequestLog;
import io.graphpresence.store.DuePage;
import io.graphpresence.store.DueSlice;
import io.graphpresence.store.DueWorkStore;
import io.graphpresence.wiring.WorkerPools;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sweep of the "next change at" index: runs every minute (every second and after each
 * clock move on the local stack) and makes what time alone changes visible, and looks after
 * subscriptions. In AWS the timers bring each change on time;
 * the sweep catches what lies further ahead than a timer can wait, and any timer that was lost.
 *
 * <p>Workers read the index side by side, each one page of at most {@link #PAGE_ITEMS} items
 * of one partition, and stop taking work after {@link #BUDGET}: what is left stays in the
 * index for the next run, whose cursor starts at the oldest partition still holding something.
 */
public class PresenceScheduleFunction extends MicronautRequestHandler<ScheduledEvent, String> {

    /** The most one worker takes at once. */
    static final int PAGE_ITEMS = 1_000;
    /** Workers at once in one invocation. */
    static final int WORKERS = 8;
    /** After this no page is started and no item taken: inside the function's 15 s timeout, with room for a 3 s webhook. */
    static final Duration BUDGET = Duration.ofSeconds(10);

    private final DueWorkStore dueWork = getApplicationContext().getBean(DueWorkStore.class);
    private final TimeDrivenChanges changes = getApplicationContext().getBean(TimeDrivenChanges.class);
    private final Clock clock = getApplicationContext().getBean(Clock.class);
    private final ExecutorService readers = getApplicationContext().getBean(WorkerPools.class)
            .fixed("schedule-worker", WORKERS);
    private final Metrics metrics = getApplicationContext().getBean(Metrics.class);

    public PresenceScheduleFunction() {
    }

    public PresenceScheduleFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public String execute(ScheduledEvent event) {
        try (RequestLog log = RequestLog.start("PresenceSchedule", event.getId(), null)) {
            Instant now = clock.instant();
            Sweep sweep = sweep(now);
            // EventBridge's runs are always counted; the local stack's (every second, untimed) when something is due
            if (sweep.handled() > 0 || event.getTime() != null) {
                metrics.emit(MetricLine.of().count("ScheduleDueItems", sweep.handled())
                        .millis("ScheduleLateness", lateness(event, now)));
            }
            // a run with nothing due says nothing: the local stack runs every second
            if (sweep.handled() > 0) {
                log.finished(sweep.toString());
            } else {
                log.finishedQuietly(sweep.toString());
            }
            return sweep.toString();
        }
    }

    /** What one run did: slices read, items handled, slices left holding something. */
    private record Sweep(int pages, int handled, int holding) {
        @Override
        public String toString() {
            return "pages=" + pages + " handled=" + handled + " holding=" + holding;
        }
    }

    private Sweep sweep(Instant now) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        Set<DueSlice> stillHolding = ConcurrentHashMap.newKeySet();
        AtomicInteger done = new AtomicInteger();
        List<DueSlice> wave = dueWork.dueSlices(now);
        int pages = 0;
        while (!wave.isEmpty()) {
            pages += wave.size();
            wave = nextWave(wave, slice -> {
                if (System.nanoTime() > deadline) {
                    stillHolding.add(slice);
                    return null;
                }
                DuePage page = dueWork.duePage(slice, now, PAGE_ITEMS);
                if (!page.work().isEmpty()) {
                    stillHolding.add(slice);
                }
                done.addAndGet(changes.apply(page.work(), now, deadline));
                return page.rest();
            });
        }
        dueWork.sweptUpTo(now, stillHolding);
        return new Sweep(pages, done.get(), stillHolding.size());
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

    private interface Worker {
        DueSlice work(DueSlice slice);
    }

    /** Every slice of this wave read by the workers; what is left of them is the next wave. */
    private List<DueSlice> nextWave(List<DueSlice> wave, Worker worker) {
        List<Future<DueSlice>> running = wave.stream().map(slice -> readers.submit(() -> worker.work(slice))).toList();
        List<DueSlice> next = new ArrayList<>();
        for (Future<DueSlice> f : running) {
            DueSlice rest = join(f);
            if (rest != null) {
                next.add(rest);
            }
        }
        return next;
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sweeping", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
