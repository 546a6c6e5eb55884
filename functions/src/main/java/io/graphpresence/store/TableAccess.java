package io.graphpresence.store;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.graphpresence.store.PresenceItems.userKey;

/**
 * The one table and its client, shared by every store: what each of them does around its own
 * requests (outages and throttling become {@link StoreUnavailableException}), the batched read,
 * and the conditional write of a user's item. Closing it stops the batched read's threads
 * (the client is the application context's to close).
 */
public final class TableAccess implements AutoCloseable {

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchReader batchReader;
    private final int dueShards;

    public TableAccess(DynamoDbClient dynamo, String table) {
        this(dynamo, table, DueIndex.DEFAULT_SHARDS);
    }

    /** @param dueShards how many shards each day of the due index is spread over ({@link DueIndex}) */
    public TableAccess(DynamoDbClient dynamo, String table, int dueShards) {
        if (dueShards < 1) {
            throw new IllegalArgumentException("The due index needs at least one shard, not " + dueShards);
        }
        this.dynamo = dynamo;
        this.table = table;
        this.batchReader = new BatchReader(dynamo, table);
        this.dueShards = dueShards;
    }

    int dueShards() {
        return dueShards;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    String table() {
        return table;
    }

    /** The item by key, strongly consistent; null when there is none. */
    Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = guarded(() -> dynamo.getItem(b -> b.tableName(table)
                .key(key).consistentRead(true)).item());
        return item == null || item.isEmpty() ? null : item;
    }

    /** The items found by these ids, each converted and keyed by its id; one BatchGetItem per 100. */
    <T> Map<String, T> readById(Collection<String> ids, Function<String, Map<String, AttributeValue>> key,
                                Function<Map<String, AttributeValue>, T> convert, Function<T, String> id) {
        List<Map<String, AttributeValue>> items = guarded(() -> batchReader.read(ids.stream().map(key).toList()));
        Map<String, T> found = new HashMap<>();
        items.stream().map(convert).forEach(record -> found.put(id.apply(record), record));
        return found;
    }

    BatchReader batchReader() {
        return batchReader;
    }

    @Override
    public void close() {
        batchReader.close();
    }

    /**
     * One conditional UpdateItem of a user's item: the change with {@link UserWrite}'s
     * bookkeeping, with no read before it.
     *
     * @return false when the user is fine but the change's own condition failed
     */
    boolean writeUser(TenantUser target, Instant now, ItemUpdate change) {
        UserWrite.of(change, target, now);
        try {
            guarded(() -> dynamo.updateItem(b -> b.tableName(table).key(userKey(target.userId()))
                    .updateExpression(change.expression())
                    .conditionExpression(change.conditionExpression())
                    .expressionAttributeNames(change.names())
                    .expressionAttributeValues(change.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            return true;
        } catch (ConditionalCheckFailedException failed) {
            RuntimeException refusal = UserWrite.refusal(target, failed.item());
            if (refusal != null) {
                throw refusal;
            }
            return false;
        }
    }

    /**
     * An UpdateItem of a user's item on the user's existence alone, without the bookkeeping of
     * a write readers see.
     *
     * @return false when the user is gone
     */
    boolean updateExistingUser(String userId, ItemUpdate update) {
        update.condition(TableLayout.ITEM_EXISTS);
        try {
            run(() -> dynamo.updateItem(u -> u.tableName(table).key(userKey(userId))
                    .updateExpression(update.expression()).conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.names()).expressionAttributeValues(update.values())));
            return true;
        } catch (ConditionalCheckFailedException deleted) {
            return false;
        }
    }

    static void run(Runnable call) {
        guarded(() -> {
            call.run();
            return null;
        });
    }

    /**
     * DynamoDB's validation errors become {@link StoreRefusedException}; outages and throttling
     * become {@link StoreUnavailableException}; a failed condition passes through.
     */
    static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkClientException e) {
            throw new StoreUnavailableException("The presence store could not be reached.", e);
        } catch (TransactionCanceledException e) {
            if (Cancellations.throttled(e)) {
                throw new StoreUnavailableException("The presence store is busy.", e);
            }
            if (Cancellations.anyCode(e, "ValidationError")) {
                throw refused(e);
            }
            throw e;
        } catch (DynamoDbException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500 || e instanceof ResourceNotFoundException) {
                throw new StoreUnavailableException("The presence store is unavailable or busy.", e);
            }
            if (e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                throw refused(e);
            }
            throw e;
        }
    }

    private static StoreRefusedException refused(DynamoDbException e) {
        return new StoreRefusedException("The request holds more than can be stored: "
                + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e);
    }
}
