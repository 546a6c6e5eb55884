package io.graphpresence.local;

import io.graphpresence.delivery.PresenceStreamFunction;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * For the capacity model: hands a harness table's stream records to the real stream function
 * when asked, not on a timer, so that what one operation causes downstream (the consumer's
 * reads and writes, and the records those writes make in turn) is counted with it.
 */
public final class StreamDriver implements AutoCloseable {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final PresenceStreamFunction function;
    private final Map<String, String> iterators = new HashMap<>();

    public StreamDriver(ApplicationContext context, String dynamoEndpoint, String table) {
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(URI.create(dynamoEndpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        this.streamArn = context.getBean(DynamoDbClient.class).describeTable(d -> d.tableName(table)).table()
                .latestStreamArn();
        this.function = new PresenceStreamFunction(context);
    }

    /** Skips every record written so far: what the harness seeded is nobody's cost. */
    public void skipToEnd() {
        drain(false);
    }

    /**
     * Feeds every new record to the stream function, and the records its own writes make,
     * until the stream is quiet; how many records there were.
     */
    public int pump() {
        return drain(true);
    }

    private int drain(boolean handle) {
        int total = 0;
        for (int n = pass(handle); n > 0; n = pass(handle)) {
            total += n;
        }
        return total;
    }

    private int pass(boolean handle) {
        discover();
        int n = 0;
        for (Map.Entry<String, String> shard : Map.copyOf(iterators).entrySet()) {
            if (shard.getValue() == null) {
                continue;
            }
            GetRecordsResponse response = streams.getRecords(g -> g.shardIterator(shard.getValue()).limit(100));
            if (!response.records().isEmpty()) {
                n += response.records().size();
                if (handle) {
                    function.execute(StreamEvents.of(response.records()));
                }
            }
            iterators.put(shard.getKey(), response.nextShardIterator());
        }
        return n;
    }

    private void discover() {
        for (Shard shard : streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards()) {
            iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(g -> g.streamArn(streamArn)
                    .shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
        }
    }

    @Override
    public void close() {
        streams.close();
    }
}
