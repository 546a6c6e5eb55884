package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** BatchWriteItem, 25 writes at a time, retrying what DynamoDB left unprocessed. */
final class BatchWriter {

    private static final int MAX_WRITES_PER_BATCH = 25;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    BatchWriter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    void putAll(Collection<Map<String, AttributeValue>> items) {
        writeAll(items.stream().map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList());
    }

    void deleteAll(Collection<Map<String, AttributeValue>> keys) {
        writeAll(keys.stream().map(key -> WriteRequest.builder().deleteRequest(d -> d.key(key)).build()).toList());
    }

    private void writeAll(List<WriteRequest> requests) {
        for (int i = 0; i < requests.size(); i += MAX_WRITES_PER_BATCH) {
            Map<String, List<WriteRequest>> batch =
                    Map.of(table, requests.subList(i, Math.min(requests.size(), i + MAX_WRITES_PER_BATCH)));
            for (int attempt = 1; !batch.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new StoreUnavailableException("DynamoDB kept writes unprocessed; try again.", null);
                }
                BatchReader.backOff(attempt);
                Map<String, List<WriteRequest>> current = batch;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(current));
                batch = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }
}
