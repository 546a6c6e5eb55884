package io.graphpresence.api;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body read as a JSON tree, with typed access that answers a Graph 400 for a
 * missing property or one of the wrong type. Unknown properties are ignored.
 */
public final class JsonBody {

    private final JsonNode node;
    private final String path;

    private JsonBody(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** @param required whether an empty body is an error; if not, it reads as {@code {}} */
    public static JsonBody parse(JsonMapper mapper, String body, boolean required) {
        if (body == null || body.isBlank()) {
            if (required) {
                throw GraphError.badRequest("A JSON request body is required.");
            }
            return new JsonBody(JsonNode.createObjectNode(java.util.Map.of()), "");
        }
        JsonNode node;
        try {
            node = mapper.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw GraphError.badRequest("The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw GraphError.badRequest("The request body must be a JSON object.");
        }
        return new JsonBody(node, "");
    }

    public String requiredString(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw GraphError.badRequest("The property '" + path + name + "' is required.");
        }
        return value;
    }

    public String optionalString(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw wrongType(name, "a string");
        }
        return value.getStringValue();
    }

    public JsonBody requiredObject(String name) {
        JsonBody value = optionalObject(name);
        if (value == null) {
            throw GraphError.badRequest("The property '" + path + name + "' is required.");
        }
        return value;
    }

    public JsonBody optionalObject(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(name, "an object");
        }
        return new JsonBody(value, path + name + ".");
    }

    public List<String> requiredStringArray(String name) {
        JsonNode value = present(name);
        if (value == null) {
            throw GraphError.badRequest("The property '" + path + name + "' is required.");
        }
        if (!value.isArray()) {
            throw wrongType(name, "an array of strings");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode element : value.values()) {
            if (!element.isString()) {
                throw wrongType(name, "an array of strings");
            }
            strings.add(element.getStringValue());
        }
        return strings;
    }

    public Long optionalLong(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw wrongType(name, "a number");
        }
        return value.getLongValue();
    }

    public Boolean optionalBoolean(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return value.getBooleanValue();
    }

    /** An array of objects, empty when the property is absent. */
    public List<JsonBody> optionalObjectArray(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(name, "an array of objects");
        }
        List<JsonBody> objects = new ArrayList<>(value.size());
        int index = 0;
        for (JsonNode element : value.values()) {
            if (!element.isObject()) {
                throw wrongType(name, "an array of objects");
            }
            objects.add(new JsonBody(element, path + name + "[" + index++ + "]."));
        }
        return objects;
    }

    /** An array of strings, or null when the property is absent. */
    public List<String> optionalStringArray(String name) {
        return present(name) == null ? null : requiredStringArray(name);
    }

    /** The property as it stands, any JSON type, or null when it is absent or JSON null. */
    public JsonNode optionalNode(String name) {
        return present(name);
    }

    /** An object of string values, empty when the property is absent. */
    public java.util.Map<String, String> optionalStringMap(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return java.util.Map.of();
        }
        if (!value.isObject()) {
            throw wrongType(name, "an object of strings");
        }
        java.util.Map<String, String> strings = new java.util.LinkedHashMap<>();
        for (var entry : value.entries()) {
            if (!entry.getValue().isString()) {
                throw wrongType(name + "." + entry.getKey(), "a string");
            }
            strings.put(entry.getKey(), entry.getValue().getStringValue());
        }
        return strings;
    }

    /** The property, or null when it is absent or JSON null. */
    private JsonNode present(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private GraphError wrongType(String name, String expected) {
        return GraphError.badRequest("The property '" + path + name + "' must be " + expected + ".");
    }
}
