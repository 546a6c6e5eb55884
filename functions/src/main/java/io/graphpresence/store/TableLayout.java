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
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The single table: a partition key and a sort key, both strings, so that every kind of
 * item (users with their presence, tenants, and later subscriptions and deliveries) lives
 * in one table; {@code ttl} (epoch seconds) lets DynamoDB remove items that expire whole;
 * a stream with both images feeds change notifications; a sparse index finds what is due.
 *
 * <p>Only AWS enables TTL (the CDK stack does). DynamoDB Local would apply it against the
 * machine's real clock, which the local stack's movable clock does not follow, so locally
 * the table never has TTL on and {@code local.LocalExpirySweeper} removes what the dev clock
 * says has expired. Nothing is correct only because TTL ran: every read that meets an item
 * with a {@code ttl} also checks the moment it stands for.
 */
public final class TableLayout {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    public static final String TTL = "ttl";

    private TableLayout() {
    }

    /**
     * Creates the table as the CDK stack does, but for TTL (see above); an existing table keeps
     * its data, and loses the TTL an earlier version of the local stack turned on.
     */
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
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier start: keep its data, adding the index if it came before it
            addDueIndexIfMissing(dynamo, tableName);
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
