package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.graphpresence.delivery.PresenceStreamFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads DynamoDB Local's stream the way Lambda's poller reads DynamoDB Streams (ten polls a
 * second, shard by shard, in order) and hands each batch to the same stream function. A
 * batch item failure is read again from that record; what was handled is checkpointed, so a
 * restart with {@code --data} neither loses nor repeats records.
 */
final class LocalStreamPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStreamPoller.class);
    private static final long POLL_MILLIS = 100;
    private static final int BATCH_SIZE = 100;
    private static final int ATTEMPTS = 3;
    // new shards come rarely (DynamoDB rolls them every few hours): looked for once a second
    private static final long DISCOVERY_NANOS = 1_000_000_000L;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final PresenceStreamFunction function;
    private final StreamCheckpoint checkpoint;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    /** Failed attempts of the function on the batch starting at each record. */
    private final Map<String, Integer> crashes = new HashMap<>();
    private long discoveredAt;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-stream-poller");
        t.setDaemon(true);
        return t;
    });

    LocalStreamPoller(DynamoDbStreamsClient streams, String streamArn, PresenceStreamFunction function,
                      StreamCheckpoint checkpoint) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.function = function;
        this.checkpoint = checkpoint;
    }

    void start() {
        poller.scheduleWithFixedDelay(this::pollSafely, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            if (iterators.isEmpty() || System.nanoTime() - discoveredAt > DISCOVERY_NANOS) {
                discoverShards();
                discoveredAt = System.nanoTime();
            }
            for (String shard : Set.copyOf(iterators.keySet())) {
                poll(shard);
            }
        } catch (RuntimeException e) {
            LOG.warn("Polling the local stream failed; trying again: {}", e.toString());
        }
    }

    private void discoverShards() {
        String last = null;
        do {
            String from = last;
            var description = streams.describeStream(d -> d.streamArn(streamArn).exclusiveStartShardId(from))
                    .streamDescription();
            for (Shard shard : description.shards()) {
                if (!iterators.containsKey(shard.shardId()) && !finished.contains(shard.shardId())) {
                    iterators.put(shard.shardId(), iterator(shard.shardId()));
                }
            }
            last = description.lastEvaluatedShardId();
        } while (last != null);
    }

    /** After the checkpoint when there is one, otherwise from the shard's oldest record. */
    private String iterator(String shardId) {
        String after = checkpoint.lastHandled(shardId);
        return streams.getShardIterator(g -> {
            g.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                g.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                g.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
    }

    private void poll(String shardId) {
        GetRecordsResponse response;
        try {
            String iterator = iterators.get(shardId);
            response = streams.getRecords(g -> g.shardIterator(iterator).limit(BATCH_SIZE));
        } catch (ExpiredIteratorException e) {
            iterators.put(shardId, iterator(shardId));
            return;
        }
        if (!response.records().isEmpty()) {
            String first = response.records().get(0).dynamodb().sequenceNumber();
            String failed = failedRecord(shardId, response);
            if (failed != null) {
                // read again from the failed record, as Lambda does, at the next poll
                iterators.put(shardId, streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(failed)).shardIterator());
                return;
            }
            crashes.remove(first);
            checkpoint.handled(shardId, response.records().get(response.records().size() - 1).dynamodb().sequenceNumber());
        }
        if (response.nextShardIterator() == null) {
            iterators.remove(shardId);
            finished.add(shardId);
        } else {
            iterators.put(shardId, response.nextShardIterator());
        }
    }

    /**
     * The record to read again from, or null to go on. A batch item failure (storage) is
     * retried as long as it happens; a function that throws is tried {@link #ATTEMPTS} times
     * and the batch is then skipped, as Lambda's retry limit sends it to the dead-letter queue,
     * so that one bad batch cannot stop the stream for everyone after it.
     */
    private String failedRecord(String shardId, GetRecordsResponse response) {
        String first = response.records().get(0).dynamodb().sequenceNumber();
        try {
            StreamsEventResponse result = function.execute(StreamEvents.of(response.records()));
            boolean failed = result.getBatchItemFailures() != null && !result.getBatchItemFailures().isEmpty();
            return failed ? result.getBatchItemFailures().get(0).getItemIdentifier() : null;
        } catch (RuntimeException e) {
            int attempts = crashes.merge(first, 1, Integer::sum);
            if (attempts < ATTEMPTS) {
                LOG.warn("The stream function failed on records from {} (attempt {}); trying again: {}", first,
                        attempts, e.toString());
                return first;
            }
            crashes.remove(first);
            LOG.error("The stream function failed {} times on records {} to {}; they are skipped", attempts, first,
                    response.records().get(response.records().size() - 1).dynamodb().sequenceNumber(), e);
            return null;
        }
    }

    /**
     * Stops polling, then polls once more on this thread: what was written up to the close is
     * handled, as Lambda's stream mapping would go on to handle it, instead of waiting in the
     * data directory for the next start.
     */
    @Override
    public void close() throws InterruptedException {
        poller.shutdown();
        if (poller.awaitTermination(5, TimeUnit.SECONDS)) {
            pollSafely();
        }
    }
}
