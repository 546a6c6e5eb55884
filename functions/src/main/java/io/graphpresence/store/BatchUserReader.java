package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads many users with BatchGetItem: ceil(n/100) requests, run in parallel, each retrying
 * only the keys DynamoDB left unprocessed.
 */
final class BatchUserReader {

    static final int MAX_KEYS_PER_REQUEST = 100;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    // threads are made on first use only, so a function that never batches pays nothing
    private final ExecutorService parallel = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "batch-read");
        t.setDaemon(true);
        return t;
    });

    BatchUserReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    Map<String, UserRecord> read(Collection<String> userIds) {
        List<List<String>> chunks = chunks(new ArrayList<>(new LinkedHashSet<>(userIds)));
        Map<String, UserRecord> found = new HashMap<>();
        if (chunks.size() == 1) {
            readChunk(chunks.get(0)).forEach(r -> found.put(r.user().id(), r));
            return found;
        }
        List<CompletableFuture<List<UserRecord>>> pending = chunks.stream()
                .map(chunk -> CompletableFuture.supplyAsync(() -> readChunk(chunk), parallel))
                .toList();
        for (CompletableFuture<List<UserRecord>> chunk : pending) {
            try {
                chunk.join().forEach(r -> found.put(r.user().id(), r));
            } catch (CompletionException e) {
                // the caller maps storage failures by type, so hand back the original
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return found;
    }

    private List<UserRecord> readChunk(List<String> ids) {
        List<UserRecord> records = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(ids.stream().map(PresenceItems::userKey).toList())
                .consistentRead(true).build());
        for (int attempt = 1; !request.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new StoreUnavailableException("DynamoDB kept keys unprocessed; try again.", null);
            }
            backOff(attempt);
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(current));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                records.add(PresenceItems.toUserRecord(item));
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return records;
    }

    private static void backOff(int attempt) {
        if (attempt > 1) {
            try {
                Thread.sleep(Math.min(1000L, 10L << attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("Interrupted while reading users.", e);
            }
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += MAX_KEYS_PER_REQUEST) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + MAX_KEYS_PER_REQUEST)));
        }
        return chunks;
    }
}
