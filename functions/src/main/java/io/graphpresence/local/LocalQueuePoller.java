package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What Lambda's event source mapping does for a queue, locally: long-polls it, hands each
 * batch of up to ten messages to the same function, and deletes what the function did not
 * report failed. A failed message, or every message of a batch whose invocation threw,
 * comes back after the queue's visibility timeout, as in AWS.
 */
public final class LocalQueuePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalQueuePoller.class);
    private static final int BATCH = 10;
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Function<SQSEvent, SQSBatchResponse> function;
    private final ExecutorService pollers;
    private final int concurrency;
    private volatile boolean running = true;
    /** Batches taken from the queue whose function has not finished; guarded by this. */
    private int batchesUnderWay;

    /** @param concurrency batches handled at once, like the mapping's maximum concurrency */
    public LocalQueuePoller(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> function, int concurrency) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
        this.concurrency = concurrency;
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        this.pollers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "local-queue-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        for (int i = 0; i < concurrency; i++) {
            pollers.submit(this::pollUntilClosed);
        }
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Polling {} failed; trying again: {}", queueUrl, e.toString());
                    sleep();
                }
            }
        }
    }

    private void pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(BATCH)
                .waitTimeSeconds(WAIT_SECONDS)).messages();
        if (messages.isEmpty() || !batchStarts()) {
            return; // a batch received after the stop comes back after its visibility timeout
        }
        try {
            handle(messages);
        } finally {
            batchEnds();
        }
    }

    private void handle(List<Message> messages) {
        SQSBatchResponse response = function.apply(event(messages));
        Set<String> failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
        List<DeleteMessageBatchRequestEntry> done = messages.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build()).toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private SQSEvent event(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(m -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSourceArn(queueUrl);
            return record;
        }).toList());
        return event;
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean batchStarts() {
        if (running) {
            batchesUnderWay++;
        }
        return running;
    }

    private synchronized void batchEnds() {
        batchesUnderWay--;
        notifyAll();
    }

    /**
     * Asks the pollers to stop, without waiting: no batch starts after this, and the batches
     * under way finish ({@link #awaitBatchesDone}); a long poll under way ends with its queue.
     */
    public synchronized void stopPolling() {
        running = false;
        pollers.shutdown();
    }

    /** Waits, a few seconds at most, until the batches under way at the stop have finished. */
    public synchronized void awaitBatchesDone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS + 5);
        while (batchesUnderWay > 0 && System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopPolling();
        pollers.awaitTermination(WAIT_SECONDS + 5, TimeUnit.SECONDS);
    }
}
