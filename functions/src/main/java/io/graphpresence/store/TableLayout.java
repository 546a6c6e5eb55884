package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The single table, as {@code table-schema.json} ({@link TableSchema}) defines it: a partition
 * key and a sort key, both strings, so that every kind of item (users with their presence,
 * tenants, subscriptions, deliveries, events) lives in one table; {@code ttl} (epoch seconds)
 * lets DynamoDB remove items that expire whole; a stream with both images feeds change
 * notifications; a sparse index finds what is due.
 *
 * <p>Only AWS enables TTL (the CDK stack does). DynamoDB Local would apply it against the
 * machine's real clock, which the local stack's movable clock does not follow, so locally
 * the table never has TTL on and {@code local.LocalExpirySweeper} removes what the dev clock
 * says has expired. Nothing is correct only because TTL ran: every read that meets an item
 * with a {@code ttl} also checks the moment it stands for.
 */
public final class TableLayout {

    public static final TableSchema SCHEMA = TableSchema.load();
    public static final String PARTITION_KEY = SCHEMA.partitionKey();
    public static final String SORT_KEY = SCHEMA.sortKey();
    public static final String TTL = SCHEMA.timeToLiveAttribute();
    // conditions on whether an item is there: every item has the partition key
    static final String ITEM_EXISTS = "attribute_exists(" + PARTITION_KEY + ")";
    static final String ITEM_ABSENT = "attribute_not_exists(" + PARTITION_KEY + ")";

    private TableLayout() {
    }

    /**
     * Creates the table as the CDK stack does, but for TTL (see above); an existing table keeps
     * its data, gains the indexes it lacks, and loses the TTL an earlier version of the local
     * stack turned on.
     */
    public static void createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(definitions(SCHEMA.attributes().keySet()))
                    .keySchema(keys(SCHEMA.partitionKey(), SCHEMA.sortKey()))
                    .globalSecondaryIndexes(SCHEMA.globalSecondaryIndexes().stream().map(TableLayout::index).toList())
                    .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                            .streamViewType(StreamViewType.fromValue(SCHEMA.streamViewType())).build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        } catch (ResourceInUseException alreadyThere) {
            addMissingIndexes(dynamo, tableName);
            turnOffTimeToLive(dynamo, tableName);
        }
    }

    /** Data files written before the local stack kept one notion of time have TTL on. */
    private static void turnOffTimeToLive(DynamoDbClient dynamo, String tableName) {
        TimeToLiveStatus status = dynamo.describeTimeToLive(b -> b.tableName(tableName))
                .timeToLiveDescription().timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            dynamo.updateTimeToLive(b -> b.tableName(tableName).timeToLiveSpecification(
                    TimeToLiveSpecification.builder().attributeName(TTL).enabled(false).build()));
        }
    }

    private static GlobalSecondaryIndex index(TableSchema.Index index) {
        return GlobalSecondaryIndex.builder().indexName(index.indexName())
                .keySchema(keys(index.partitionKey(), index.sortKey()))
                .projection(Projection.builder()
                        .projectionType(ProjectionType.fromValue(index.projectionType())).build())
                .build();
    }

    private static List<KeySchemaElement> keys(String partitionKey, String sortKey) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
        }
        return keys;
    }

    private static List<AttributeDefinition> definitions(Set<String> names) {
        return names.stream().map(name -> AttributeDefinition.builder().attributeName(name)
                .attributeType(ScalarAttributeType.fromValue(SCHEMA.attributes().get(name))).build()).toList();
    }

    /** A data file from before an index was added gets it, one index per update as DynamoDB allows. */
    private static void addMissingIndexes(DynamoDbClient dynamo, String tableName) {
        var table = dynamo.describeTable(b -> b.tableName(tableName)).table();
        Set<String> present = table.hasGlobalSecondaryIndexes()
                ? table.globalSecondaryIndexes().stream().map(i -> i.indexName()).collect(Collectors.toSet())
                : Set.of();
        SCHEMA.globalSecondaryIndexes().stream().filter(i -> !present.contains(i.indexName())).forEach(missing -> {
            GlobalSecondaryIndex index = index(missing);
            dynamo.updateTable(b -> b.tableName(tableName)
                    .attributeDefinitions(definitions(Set.of(missing.partitionKey(), missing.sortKey())))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c
                            .indexName(index.indexName()).keySchema(index.keySchema())
                            .projection(index.projection())).build()));
        });
    }
}
