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
 * every second of real time and at once after every clock move (local-stack.md), one run at
 * a time.
 */
final class LocalSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSchedule.class);

    private final PresenceScheduleFunction function;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-schedule");
        t.setDaemon(true);
        return t;
    });

    LocalSchedule(PresenceScheduleFunction function) {
        this.function = function;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::runSafely, 1, 1, TimeUnit.SECONDS);
    }

    /** One run now, before returning: a clock move's consequences are on their way when it answers. */
    synchronized void runNow() {
        function.execute(new ScheduledEvent());
    }

    private void runSafely() {
        try {
            runNow();
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
