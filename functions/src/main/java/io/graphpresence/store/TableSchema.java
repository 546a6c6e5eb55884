package io.graphpresence.store;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code table-schema.json}, the one definition of the table: the CDK app deploys it, the local
 * stack creates it ({@link TableLayout}), and the item mappings take their key names from it.
 * Read with the AWS SDK's own small JSON parser, so that no function starts a JSON mapper for it.
 *
 * @param attributes          the type ({@code S}, {@code N}) of every attribute a key or an index names
 * @param timeToLiveAttribute the TTL attribute AWS enables (locally left off: see {@link TableLayout})
 */
public record TableSchema(Map<String, String> attributes, String partitionKey, String sortKey,
                          String timeToLiveAttribute, String streamViewType, List<Index> globalSecondaryIndexes) {

    /** A global secondary index: its keys and what it projects. */
    public record Index(String indexName, String partitionKey, String sortKey, String projectionType) {
    }

    static final String RESOURCE = "/table-schema.json";

    /** The schema this jar was built with. */
    public static TableSchema load() {
        try (InputStream in = TableSchema.class.getResourceAsStream(RESOURCE)) {
            return parse(JsonNodeParser.create().parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** @throws IllegalStateException when the schema names no index by that name */
    public Index index(String name) {
        return globalSecondaryIndexes.stream().filter(i -> i.indexName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no index '" + name + "'"));
    }

    private static TableSchema parse(JsonNode schema) {
        Map<String, String> attributes = new LinkedHashMap<>();
        schema.field("attributes").orElseThrow().asObject().forEach((name, type) -> attributes.put(name, type.text()));
        List<Index> indexes = schema.field("globalSecondaryIndexes").orElseThrow().asArray().stream()
                .map(i -> new Index(text(i, "indexName"), text(i, "partitionKey"), text(i, "sortKey"),
                        text(i, "projectionType")))
                .toList();
        return new TableSchema(Collections.unmodifiableMap(attributes), text(schema, "partitionKey"),
                text(schema, "sortKey"),
                text(schema, "timeToLiveAttribute"), text(schema, "streamViewType"), indexes);
    }

    private static String text(JsonNode node, String field) {
        return node.field(field).orElseThrow(() -> new IllegalStateException(RESOURCE + " lacks " + field)).text();
    }
}
