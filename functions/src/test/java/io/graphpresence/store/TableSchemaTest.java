package io.graphpresence.store;

import io.graphpresence.local.FunctionHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The local table is table-schema.json, no more and no less: the file read here as plain JSON,
 * compared with what DynamoDB Local describes of a table the local stack created. (infra's
 * PresenceStackTest holds the deployed table to the same file.)
 */
class TableSchemaTest {

    private static DynamoDbClient client;

    @BeforeAll
    static void connect() {
        client = StoreContract.clientFor(URI.create(FunctionHarness.sharedDynamo().endpoint()), "us-east-1",
                "local", "local");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aCreatedTableIsExactlyWhatTheSchemaFileDefines() throws IOException {
        JsonNode schema = schemaFile();
        String name = "schema-" + UUID.randomUUID();
        TableLayout.createIfMissing(client, name);
        TableDescription table = client.describeTable(d -> d.tableName(name)).table();

        assertEquals(schema.field("attributes").orElseThrow().asObject().entrySet().stream()
                        .map(a -> a.getKey() + ":" + a.getValue().text()).collect(Collectors.toSet()),
                table.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                        .collect(Collectors.toSet()));
        assertEquals(keys(schema), table.keySchema().stream()
                .map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList());
        Set<String> indexes = new HashSet<>();
        schema.field("globalSecondaryIndexes").orElseThrow().asArray().forEach(i -> indexes.add(
                text(i, "indexName") + " " + keys(i) + " " + text(i, "projectionType")));
        assertEquals(indexes, table.globalSecondaryIndexes().stream().map(i -> i.indexName() + " "
                + i.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList() + " "
                + i.projection().projectionTypeAsString()).collect(Collectors.toSet()));
        assertEquals(text(schema, "streamViewType"), table.streamSpecification().streamViewTypeAsString());
        assertEquals(true, table.streamSpecification().streamEnabled());
    }

    /** The schema names TTL for AWS; locally it stays off, and a sweep on the dev clock stands in for it. */
    @Test
    void theTtlAttributeIsTheSchemasAndLocallyOff() throws IOException {
        assertEquals(text(schemaFile(), "timeToLiveAttribute"), TableLayout.TTL);
        String name = "schema-" + UUID.randomUUID();
        TableLayout.createIfMissing(client, name);
        assertEquals(TimeToLiveStatus.DISABLED, client.describeTimeToLive(d -> d.tableName(name))
                .timeToLiveDescription().timeToLiveStatus());
    }

    private static List<String> keys(JsonNode keyed) {
        return List.of(text(keyed, "partitionKey") + ":HASH", text(keyed, "sortKey") + ":RANGE");
    }

    private static String text(JsonNode node, String field) {
        return node.field(field).orElseThrow().text();
    }

    private static JsonNode schemaFile() throws IOException {
        try (InputStream in = TableSchemaTest.class.getResourceAsStream("/table-schema.json")) {
            return JsonNodeParser.create().parse(in);
        }
    }

}
