package io.graphpresence.local;

import io.graphpresence.store.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.Map;

/**
 * DynamoDB's TTL, locally, on the dev clock: deletes every item whose {@code ttl} has passed
 * by the clock every function reads. DynamoDB Local's own TTL follows the machine's clock, so
 * a stack whose clock stands behind the real date lost subscriptions and deliveries the
 * moment they were written; with TTL off and this sweep instead, the local stack has one
 * notion of time. It scans the whole table, which only a local table is small enough for.
 */
final class LocalExpirySweeper {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    LocalExpirySweeper(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** @return how many items were removed */
    int sweep() {
        AttributeValue now = AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond()));
        Map<String, String> names = Map.of("#ttl", TableLayout.TTL);
        int removed = 0;
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(s -> s.tableName(table)
                        .projectionExpression("#pk, #sk").filterExpression("#ttl < :now")
                        .expressionAttributeNames(Map.of("#ttl", TableLayout.TTL,
                                "#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY))
                        .expressionAttributeValues(Map.of(":now", now)))
                .items()) {
            try {
                // an item renewed since the scan read it has a later ttl now, and stays
                dynamo.deleteItem(d -> d.tableName(table)
                        .key(Map.of(TableLayout.PARTITION_KEY, item.get(TableLayout.PARTITION_KEY),
                                TableLayout.SORT_KEY, item.get(TableLayout.SORT_KEY)))
                        .conditionExpression("#ttl < :now").expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":now", now)));
                removed++;
            } catch (ConditionalCheckFailedException renewed) {
                // kept
            }
        }
        return removed;
    }
}
