package io.graphpresence.delivery;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.graphpresence.store.DueTimer;
import io.graphpresence.store.StoreUnavailableException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timer queue's consumer (docs/time-driven.md): applies each item's change at its moment.
 * Idempotent: a user is marked only while its next change is still the timer's moment and not
 * yet marked, and a subscription or calendar event is looked after as its stored state says,
 * so a timer that fires twice, or after the sweep, changes nothing visible. One that arrives
 * less than a second early (delays are whole seconds, rounded down) waits out the rest; one
 * earlier still is set again for the rest of its wait. A storage outage fails only its own messages
 * (a partial batch response): SQS gives them back after their visibility timeout.
 */
public class DueTimerFunction extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(DueTimerFunction.class);
    /** One timer's work at most, of a batch of ten: well inside the function's timeout. */
    private static final long BUDGET_NANOS = 10_000_000_000L;

    private final TimeDrivenChanges changes = getApplicationContext().getBean(TimeDrivenChanges.class);
    private final ChangeTimers timers = getApplicationContext().getBean(ChangeTimers.class);
    private final Clock clock = getApplicationContext().getBean(Clock.class);

    public DueTimerFunction() {
    }

    public DueTimerFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event.getRecords() == null) {
            return new SQSBatchResponse(failures);
        }
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                fire(DueTimer.fromMessage(message.getBody()));
            } catch (StoreUnavailableException e) {
                LOG.warn("Storage unavailable; timer {} comes back: {}", message.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } catch (RuntimeException unusable) {
                // it would fail the same way again; the sweep still finds what is due
                LOG.error("Skipped timer {}", message.getMessageId(), unusable);
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void fire(DueTimer timer) {
        Instant now = clock.instant();
        Duration early = Duration.between(now, timer.dueAt());
        if (!early.isNegative() && !early.isZero() && early.compareTo(DueTimer.DELAY_GRANULARITY) <= 0) {
            // the queue's delay was rounded down to whole seconds: wait out the rest here
            pause(early);
            now = clock.instant();
        }
        if (timer.dueAt().isAfter(now)) {
            timers.set(List.of(timer), now);
            return;
        }
        changes.apply(timer.work(), now, System.nanoTime() + BUDGET_NANOS);
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
