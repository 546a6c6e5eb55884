package io.graphpresence.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code table-schema.json}, the one definition of the table the local stack also creates
 * its table from: key attributes and their types, keys, indexes with their projections, the
 * stream and the TTL attribute.
 */
public record TableDefinition(Map<String, String> attributes, String partitionKey, String sortKey,
                              String timeToLiveAttribute, String streamViewType, List<Index> indexes) {

    public record Index(String name, String partitionKey, String sortKey, String projectionType) {
    }

    public static TableDefinition read(Path file) {
        JsonNode schema;
        try {
            schema = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the table schema " + file, e);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        schema.get("attributes").fields().forEachRemaining(a -> attributes.put(a.getKey(), a.getValue().asText()));
        List<Index> indexes = new ArrayList<>();
        schema.get("globalSecondaryIndexes").forEach(i -> indexes.add(new Index(i.get("indexName").asText(),
                i.get("partitionKey").asText(), i.get("sortKey").asText(), i.get("projectionType").asText())));
        return new TableDefinition(attributes, schema.get("partitionKey").asText(), schema.get("sortKey").asText(),
                schema.get("timeToLiveAttribute").asText(), schema.get("streamViewType").asText(), indexes);
    }

    /** A key attribute as CDK takes it, typed as the schema says. */
    Attribute attribute(String name) {
        String type = attributes.get(name);
        if (type == null) {
            throw new IllegalStateException("The table schema gives no type for the key attribute '" + name + "'");
        }
        return Attribute.builder().name(name).type(switch (type) {
            case "S" -> AttributeType.STRING;
            case "N" -> AttributeType.NUMBER;
            case "B" -> AttributeType.BINARY;
            default -> throw new IllegalStateException("Unknown attribute type '" + type + "' of '" + name + "'");
        }).build();
    }
}
