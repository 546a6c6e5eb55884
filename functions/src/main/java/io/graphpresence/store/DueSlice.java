package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * One partition of the due index (a day bucket on one shard), or the rest of it after a page:
 * the unit of work one schedule worker reads. Only the store sees inside.
 */
public final class DueSlice {

    /** The bucket of the keys written before buckets existed: older than any. */
    static final long LEGACY = Long.MIN_VALUE;

    private final String partitionKey;
    private final long bucket;
    private final Map<String, AttributeValue> after;

    DueSlice(String partitionKey, long bucket, Map<String, AttributeValue> after) {
        this.partitionKey = partitionKey;
        this.bucket = bucket;
        this.after = after;
    }

    public String partitionKey() {
        return partitionKey;
    }

    long bucket() {
        return bucket;
    }

    Map<String, AttributeValue> after() {
        return after;
    }

    @Override
    public String toString() {
        return after == null ? partitionKey : partitionKey + " (continued)";
    }
}
