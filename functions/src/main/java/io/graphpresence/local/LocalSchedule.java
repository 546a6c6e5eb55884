package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.delivery.PresenceScheduleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The schedule, locally: the same function EventBridge invokes every minute in AWS, here
 * every second of real time and at once after every clock move, one run at a time. Each
 * clock move, and every minute of real time, it also does what TTL does in AWS
 * ({@link LocalExpirySweeper}).
 */
final class LocalSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSchedule.class);

    private static final long SWEEP_EVERY_SECONDS = 60;

    private final PresenceScheduleFunction function;
    private final LocalExpirySweeper sweeper;
    private long runs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-schedule");
        t.setDaemon(true);
        return t;
    });

    LocalSchedule(PresenceScheduleFunction function, LocalExpirySweeper sweeper) {
        this.function = function;
        this.sweeper = sweeper;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::runSafely, 1, 1, TimeUnit.SECONDS);
    }

    /** One run now, before returning: a clock move's consequences are on their way when it answers. */
    synchronized void runNow() {
        function.execute(new ScheduledEvent());
        sweeper.sweep();
    }

    private synchronized void runSafely() {
        try {
            if (++runs % SWEEP_EVERY_SECONDS == 0) {
                runNow();
            } else {
                function.execute(new ScheduledEvent());
            }
        } catch (RuntimeException e) {
            LOG.warn("A scheduled run failed; the next one picks up what is due: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
