package io.graphpresence.store;

import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.Map;

import static io.graphpresence.store.PresenceItems.n;
import static io.graphpresence.store.TableAccess.guarded;

/**
 * Throttling counts in the presence table: one small item per scope and window
 * ({@code THROTTLE#<scope>} / {@code WINDOW#<epoch second>}), raised by one UpdateItem that
 * answers with the new total, and dropped by TTL once the window is long over.
 */
@Singleton
public class DynamoSharedCounter implements SharedCounter {

    static final String PREFIX = "THROTTLE#";

    private final TableAccess table;

    public DynamoSharedCounter(TableAccess table) {
        this.table = table;
    }

    @Override
    public long add(String scope, Instant windowStart, long amount, Instant forgetAfter) {
        Map<String, AttributeValue> total = guarded(() -> table.dynamo().updateItem(b -> b.tableName(table.table())
                .key(PresenceItems.key(PREFIX + scope, "WINDOW#" + windowStart.getEpochSecond()))
                .updateExpression("ADD #n :amount SET #ttl = :ttl")
                .expressionAttributeNames(Map.of("#n", "n", "#ttl", TableLayout.TTL))
                .expressionAttributeValues(Map.of(":amount", n(amount), ":ttl", n(forgetAfter.getEpochSecond())))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes());
        return Long.parseLong(total.get("n").n());
    }
}
