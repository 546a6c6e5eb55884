package io.graphpresence.store;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.Map;

/**
 * Throttling counts in the presence table: one small item per scope and window
 * ({@code THROTTLE#<scope>} / {@code WINDOW#<epoch second>}), raised by one UpdateItem that
 * answers with the new total, and dropped by TTL once the window is long over.
 */
@Singleton
public class DynamoSharedCounter implements SharedCounter {

    static final String PREFIX = "THROTTLE#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSharedCounter(DynamoDbClient dynamo, @Value("${presence.table.name:presence}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public long add(String scope, Instant windowStart, long amount, Instant forgetAfter) {
        try {
            Map<String, AttributeValue> total = dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(PREFIX + scope),
                            TableLayout.SORT_KEY, AttributeValue.fromS("WINDOW#" + windowStart.getEpochSecond())))
                    .updateExpression("ADD #n :amount SET #ttl = :ttl")
                    .expressionAttributeNames(Map.of("#n", "n", "#ttl", TableLayout.TTL))
                    .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN(Long.toString(amount)),
                            ":ttl", AttributeValue.fromN(Long.toString(forgetAfter.getEpochSecond()))))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return Long.parseLong(total.get("n").n());
        } catch (SdkException e) {
            throw new StoreUnavailableException("The throttling counter could not be updated.", e);
        }
    }
}
