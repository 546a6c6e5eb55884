package io.graphpresence.queues;

import io.graphpresence.delivery.ChangeTimers;
import io.graphpresence.store.DueTimer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link ChangeTimers} as delayed messages on the timer queue ({@code presence.timers.queue-url}):
 * SQS holds each message back for its delay, up to 15 minutes, then the timer function takes it.
 * Without a queue URL no timer is set and the sweep alone brings changes (the schedule's minute).
 */
@Singleton
public class SqsChangeTimers implements ChangeTimers {

    private static final Logger LOG = LoggerFactory.getLogger(SqsChangeTimers.class);
    private final String queueUrl;
    private final BeanProvider<SqsClient> sqs;

    public SqsChangeTimers(@Value("${presence.timers.queue-url:}") String queueUrl, BeanProvider<SqsClient> sqs) {
        this.queueUrl = queueUrl == null || queueUrl.isBlank() ? null : queueUrl.trim();
        this.sqs = sqs;
    }

    @Override
    public void set(Collection<DueTimer> timers, Instant now) {
        if (queueUrl == null || timers.isEmpty()) {
            return;
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (DueTimer timer : timers) {
            entries.add(SendMessageBatchRequestEntry.builder().messageBody(timer.toMessage())
                    .delaySeconds(delaySeconds(timer, now)).build());
        }
        // a timer not set is no loss: the sweep still brings its change, a minute late at most
        MessageBatches.send(sqs.get(), queueUrl, entries,
                failed -> LOG.warn("{} timers not set: {}", failed.size(), failed.get(0).message()));
    }

    /**
     * Rounded down, so rounding never makes a change late (rounded up, it added up to a second,
     * and the 2 s promise had no room left for the queue's pick-up): the timer function waits out
     * the part of a second that remains. Capped at SQS's 15 minutes.
     */
    static int delaySeconds(DueTimer timer, Instant now) {
        long millis = Duration.between(now, timer.dueAt()).toMillis();
        long seconds = Math.max(0, millis / 1000);
        return (int) Math.min(seconds, DueTimer.LONGEST.toSeconds());
    }
}
