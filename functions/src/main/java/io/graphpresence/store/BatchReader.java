package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads many items by key with BatchGetItem: ceil(n/100) requests, run in parallel, each
 * retrying only the keys DynamoDB left unprocessed.
 */
final class BatchReader {

    static final int MAX_KEYS_PER_REQUEST = 100;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    // threads are made on first use only and dropped after a minute idle, so a function that
    // never batches pays nothing; close() stops them with the application context
    private final ThreadPoolExecutor parallel = new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "batch-read");
                t.setDaemon(true);
                return t;
            });

    BatchReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        parallel.allowCoreThreadTimeOut(true);
    }

    void close() {
        parallel.shutdownNow();
    }

    /** The items found; keys nobody stored are simply missing. */
    List<Map<String, AttributeValue>> read(Collection<Map<String, AttributeValue>> keys) {
        List<List<Map<String, AttributeValue>>> chunks = chunks(new ArrayList<>(new LinkedHashSet<>(keys)));
        if (chunks.size() <= 1) {
            return chunks.isEmpty() ? List.of() : readChunk(chunks.get(0));
        }
        List<CompletableFuture<List<Map<String, AttributeValue>>>> pending = chunks.stream()
                .map(chunk -> CompletableFuture.supplyAsync(() -> readChunk(chunk), parallel))
                .toList();
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (CompletableFuture<List<Map<String, AttributeValue>>> chunk : pending) {
            try {
                found.addAll(chunk.join());
            } catch (CompletionException e) {
                // the caller maps storage failures by type, so hand back the original
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return found;
    }

    private List<Map<String, AttributeValue>> readChunk(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(keys).consistentRead(true).build());
        for (int attempt = 1; !request.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new StoreUnavailableException("DynamoDB kept keys unprocessed; try again.", null);
            }
            backOff(attempt);
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(current));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
    }

    static void backOff(int attempt) {
        if (attempt > 1) {
            try {
                Thread.sleep(Math.min(1000L, 10L << attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("Interrupted while reading users.", e);
            }
        }
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += MAX_KEYS_PER_REQUEST) {
            chunks.add(all.subList(i, Math.min(all.size(), i + MAX_KEYS_PER_REQUEST)));
        }
        return chunks;
    }
}
