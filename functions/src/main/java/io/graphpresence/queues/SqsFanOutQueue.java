package io.graphpresence.queues;

import io.graphpresence.delivery.FanOutBatch;
import io.graphpresence.delivery.FanOutQueue;
import io.graphpresence.delivery.FanOutUnavailableException;
import io.graphpresence.store.SubscriptionKey;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@link FanOutQueue} as an SQS FIFO queue ({@code presence.fanout.queue-url}): each batch a
 * message of its user's group, deduplicated by its content, so a change queued again within
 * SQS's five-minute window (a stream batch retried) is kept once. Without a queue URL nothing
 * is queued and every change is delivered at once, as the function tests run.
 */
@Singleton
public class SqsFanOutQueue implements FanOutQueue {

    private final String queueUrl;
    private final int inlineMax;
    private final int groups;
    private final int batchSize;
    private final BeanProvider<SqsClient> sqs;

    public SqsFanOutQueue(@Value("${presence.fanout.queue-url:}") String queueUrl,
                          @Value("${presence.fanout.inline-max:" + FanOutBatch.INLINE_MAX + "}") int inlineMax,
                          @Value("${presence.fanout.groups:" + FanOutBatch.GROUPS + "}") int groups,
                          @Value("${presence.fanout.batch:" + FanOutBatch.BATCH + "}") int batchSize,
                          BeanProvider<SqsClient> sqs) {
        this.queueUrl = queueUrl == null || queueUrl.isBlank() ? null : queueUrl.trim();
        this.inlineMax = inlineMax;
        this.groups = groups;
        this.batchSize = batchSize;
        this.sqs = sqs;
    }

    @Override
    public boolean takes(int notifications) {
        return queueUrl != null && notifications > inlineMax;
    }

    @Override
    public List<FanOutBatch> split(String userId, String sequenceNumber, Instant changedAt,
                                   List<SubscriptionKey> watchers) {
        return FanOutBatch.split(userId, sequenceNumber, changedAt, watchers, groups, batchSize);
    }

    @Override
    public void send(List<FanOutBatch> batches) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (FanOutBatch batch : batches) {
            String body = batch.toMessage();
            entries.add(SendMessageBatchRequestEntry.builder().messageBody(body).messageGroupId(batch.groupId())
                    .messageDeduplicationId(sha256(body)).build());
        }
        try {
            // in order: a group's next message goes only once the one before it was taken
            MessageBatches.send(sqs.get(), queueUrl, entries, failed -> {
                throw new FanOutUnavailableException(failed.size() + " fan-out batches not queued: "
                        + failed.get(0).message(), null);
            });
        } catch (SdkException e) {
            throw new FanOutUnavailableException("The fan-out queue is unavailable: " + e.getMessage(), e);
        }
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
