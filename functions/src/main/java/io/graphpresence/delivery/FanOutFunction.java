package io.graphpresence.delivery;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.graphpresence.observe.RequestLog;
import io.graphpresence.store.StoreUnavailableException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fan-out queue's consumer (docs/fan-out.md): delivers each batch through
 * the {@link ChangeDispatcher}, as the stream consumer delivers a change with few watchers.
 * A storage outage (or a bug) fails a batch, which SQS gives back after its visibility
 * timeout, and after its last try keeps in the dead-letter queue; a failing endpoint is the
 * dispatcher's to retry, as anywhere. A queue group's batches must go
 * in order, so once one fails, every later batch of its group in this invocation fails too
 * without being tried. A batch that cannot be read would fail the same way again: it is
 * logged and dropped.
 */
public class FanOutFunction extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(FanOutFunction.class);

    private final ChangeDispatcher dispatcher = getApplicationContext().getBean(ChangeDispatcher.class);
    private final Clock clock = getApplicationContext().getBean(Clock.class);

    public FanOutFunction() {
    }

    public FanOutFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try (RequestLog log = RequestLog.start("FanOut", null, null)) {
            Set<String> failedGroups = new HashSet<>();
            for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of()
                    : event.getRecords()) {
                if (!deliver(message, failedGroups)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            log.finished(failures.isEmpty() ? "done" : "retry");
        }
        return new SQSBatchResponse(failures);
    }

    /** @return false when the message is to come back */
    private boolean deliver(SQSEvent.SQSMessage message, Set<String> failedGroups) {
        FanOutBatch batch;
        try {
            batch = FanOutBatch.fromMessage(message.getBody());
        } catch (IllegalArgumentException unreadable) {
            LOG.error("Dropped fan-out message {}", message.getMessageId(), unreadable);
            return true;
        }
        if (failedGroups.contains(batch.groupId())) {
            return false;
        }
        try {
            dispatcher.deliver(batch, clock.instant());
            return true;
        } catch (StoreUnavailableException e) {
            LOG.warn("Storage unavailable; fan-out batch {} comes back: {}", message.getMessageId(), e.toString());
        } catch (RuntimeException bug) {
            // not dropped: after its retries it waits in the dead-letter queue, whose depth raises an alarm
            LOG.error("Fan-out batch {} failed; it comes back", message.getMessageId(), bug);
        }
        failedGroups.add(batch.groupId());
        return false;
    }
}
