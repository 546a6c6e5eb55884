package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * The single table: a partition key and a sort key, both strings, so that every kind of
 * item (users with their presence, tenants, and later subscriptions and deliveries) lives
 * in one table; {@code ttl} (epoch seconds) lets DynamoDB remove items that expire whole;
 * a stream with both images feeds change notifications; a sparse index finds what is due.
 */
public final class TableLayout {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    public static final String TTL = "ttl";

    private TableLayout() {
    }

    /** Creates the table as the CDK stack does; an existing table is left alone. */
    public static void createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(PARTITION_KEY)
                                    .attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(SORT_KEY)
                                    .attributeType(ScalarAttributeType.S).build(),
                            dueShardDefinition(), dueAtDefinition())
                    .globalSecondaryIndexes(dueIndex())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(PARTITION_KEY).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(SORT_KEY).keyType(KeyType.RANGE).build())
                    .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
            dynamo.updateTimeToLive(b -> b.tableName(tableName).timeToLiveSpecification(
                    TimeToLiveSpecification.builder().attributeName(TTL).enabled(true).build()));
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier start: keep its data, adding the index if it came before it
            addDueIndexIfMissing(dynamo, tableName);
        }
    }

    /**
     * The sparse "next change at" index ({@link DueIndex}): only keys are projected, since the
     * schedule needs nothing more to know what is due.
     */
    public static GlobalSecondaryIndex dueIndex() {
        return GlobalSecondaryIndex.builder().indexName(DueIndex.INDEX)
                .keySchema(KeySchemaElement.builder().attributeName(DueIndex.SHARD).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(DueIndex.DUE_AT).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                .build();
    }

    private static AttributeDefinition dueShardDefinition() {
        return AttributeDefinition.builder().attributeName(DueIndex.SHARD).attributeType(ScalarAttributeType.S).build();
    }

    private static AttributeDefinition dueAtDefinition() {
        return AttributeDefinition.builder().attributeName(DueIndex.DUE_AT).attributeType(ScalarAttributeType.N).build();
    }

    private static void addDueIndexIfMissing(DynamoDbClient dynamo, String tableName) {
        var table = dynamo.describeTable(b -> b.tableName(tableName)).table();
        if (table.hasGlobalSecondaryIndexes() && table.globalSecondaryIndexes().stream()
                .anyMatch(i -> DueIndex.INDEX.equals(i.indexName()))) {
            return;
        }
        GlobalSecondaryIndex index = dueIndex();
        dynamo.updateTable(b -> b.tableName(tableName)
                .attributeDefinitions(dueShardDefinition(), dueAtDefinition())
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c
                        .indexName(index.indexName()).keySchema(index.keySchema())
                        .projection(index.projection())).build()));
    }
}
