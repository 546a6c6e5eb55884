package io.graphpresence.queues;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Any number of messages sent within SendMessageBatch's limits (ten messages and 256 KB a
 * call), call after call in their order. What a refused entry means is the caller's: a lost
 * timer is the sweep's to catch, a fan-out batch not queued must stop the change.
 */
public final class MessageBatches {

    /** SendMessageBatch takes ten messages at most, ... */
    public static final int MESSAGES_PER_SEND = 10;
    /** ... and 256 KB in all: left with room for the request's own fields. */
    public static final int BYTES_PER_SEND = 240 * 1024;

    private MessageBatches() {
    }

    /**
     * @param refused told of each call's refused entries, before the next call is made (it may
     *                throw to stop there)
     */
    static void send(SqsClient sqs, String queueUrl, List<SendMessageBatchRequestEntry> entries,
                     Consumer<List<BatchResultErrorEntry>> refused) {
        List<SendMessageBatchRequestEntry> call = new ArrayList<>();
        int bytes = 0;
        for (SendMessageBatchRequestEntry entry : entries) {
            int size = entry.messageBody().getBytes(StandardCharsets.UTF_8).length;
            if (call.size() == MESSAGES_PER_SEND || (!call.isEmpty() && bytes + size > BYTES_PER_SEND)) {
                sendCall(sqs, queueUrl, call, refused);
                call = new ArrayList<>();
                bytes = 0;
            }
            // ids need only be unique within one call
            call.add(entry.toBuilder().id(Integer.toString(call.size())).build());
            bytes += size;
        }
        if (!call.isEmpty()) {
            sendCall(sqs, queueUrl, call, refused);
        }
    }

    private static void sendCall(SqsClient sqs, String queueUrl, List<SendMessageBatchRequestEntry> call,
                                 Consumer<List<BatchResultErrorEntry>> refused) {
        List<BatchResultErrorEntry> failed = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(call)).failed();
        if (!failed.isEmpty()) {
            refused.accept(failed);
        }
    }
}
