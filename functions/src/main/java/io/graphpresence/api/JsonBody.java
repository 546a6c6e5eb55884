package io.graphpresence.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.graphpresence.limits.InputLimits;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body read as a JSON tree, with typed access that answers a Graph 400 for a
 * missing property, one of the wrong type, or one beyond its limit ({@link InputLimits}).
 * Unknown properties are ignored. Exactly one JSON value is read: anything after it is a 400.
 */
public final class JsonBody {

    // the syntax is checked by a streaming pass first: strict (one value, nothing after it) and
    // shallow, so that no body can make the tree builder recurse deeply
    private static final JsonFactory SYNTAX = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(InputLimits.MAX_NESTING).build())
            .build();

    private final JsonNode node;
    private final String path;
    // a request's body has the default limits on every string and array; a file the service reads does not
    private final boolean limited;

    private JsonBody(JsonNode node, String path, boolean limited) {
        this.node = node;
        this.path = path;
        this.limited = limited;
    }

    /**
     * A request's body: at most {@link InputLimits#MAX_BODY_CHARS} characters (else 413).
     *
     * @param required whether an empty body is an error; if not, it reads as {@code {}}
     */
    public static JsonBody request(JsonMapper mapper, String body, boolean required) {
        if (body != null && body.length() > InputLimits.MAX_BODY_CHARS) {
            throw new GraphError(413, "RequestEntityTooLarge", "The request body is " + body.length()
                    + " characters; at most " + InputLimits.MAX_BODY_CHARS + " are accepted.");
        }
        return read(mapper, body, required, true);
    }

    /**
     * A file's JSON (the route table, a seed): strict syntax, no default limits on strings and arrays.
     *
     * @param required whether an empty text is an error; if not, it reads as {@code {}}
     */
    public static JsonBody parse(JsonMapper mapper, String body, boolean required) {
        return read(mapper, body, required, false);
    }

    private static JsonBody read(JsonMapper mapper, String body, boolean required, boolean limited) {
        if (body == null || body.isBlank()) {
            if (required) {
                throw GraphError.badRequest("A JSON request body is required.");
            }
            return new JsonBody(JsonNode.createObjectNode(java.util.Map.of()), "", limited);
        }
        requireOneValue(body);
        JsonNode node;
        try {
            node = mapper.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw GraphError.badRequest("The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw GraphError.badRequest("The request body must be a JSON object.");
        }
        return new JsonBody(node, "", limited);
    }

    private static void requireOneValue(String body) {
        try (JsonParser parser = SYNTAX.createParser(body)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw GraphError.badRequest("The request body holds more than one JSON value.");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof GraphError error) {
                throw error;
            }
            throw GraphError.badRequest("The request body is not valid JSON (at most " + InputLimits.MAX_NESTING
                    + " levels of nesting).");
        }
    }

    /** A string of at most {@link InputLimits#MAX_STRING} characters. */
    public String requiredString(String name) {
        return requiredString(name, defaultMaxString());
    }

    public String requiredString(String name, int maxLength) {
        String value = optionalString(name, maxLength);
        if (value == null) {
            throw GraphError.badRequest("The property '" + path + name + "' is required.");
        }
        return value;
    }

    /** A string of at most {@link InputLimits#MAX_STRING} characters, or null. */
    public String optionalString(String name) {
        return optionalString(name, defaultMaxString());
    }

    private int defaultMaxString() {
        return limited ? InputLimits.MAX_STRING : Integer.MAX_VALUE;
    }

    public String optionalString(String name, int maxLength) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw wrongType(name, "a string");
        }
        return checked(name, value.getStringValue(), maxLength);
    }

    private String checked(String name, String text, int maxLength) {
        if (text.length() > maxLength) {
            throw GraphError.badRequest("The property '" + path + name + "' is at most " + maxLength
                    + " characters; it has " + text.length() + ".");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw GraphError.badRequest("The property '" + path + name + "' is not valid Unicode text.");
            }
        }
        return text;
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
        return new JsonBody(value, path + name + ".", limited);
    }

    /** At most {@link InputLimits#MAX_ITEMS} strings of at most {@link InputLimits#MAX_STRING} characters. */
    public List<String> requiredStringArray(String name) {
        JsonNode value = present(name);
        if (value == null) {
            throw GraphError.badRequest("The property '" + path + name + "' is required.");
        }
        if (!value.isArray()) {
            throw wrongType(name, "an array of strings");
        }
        requireItems(name, value);
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode element : value.values()) {
            if (!element.isString()) {
                throw wrongType(name, "an array of strings");
            }
            strings.add(checked(name, element.getStringValue(), defaultMaxString()));
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
        requireItems(name, value);
        List<JsonBody> objects = new ArrayList<>(value.size());
        int index = 0;
        for (JsonNode element : value.values()) {
            if (!element.isObject()) {
                throw wrongType(name, "an array of objects");
            }
            objects.add(new JsonBody(element, path + name + "[" + index++ + "].", limited));
        }
        return objects;
    }

    /** An array of strings, or null when the property is absent. */
    public List<String> optionalStringArray(String name) {
        return present(name) == null ? null : requiredStringArray(name);
    }

    private void requireItems(String name, JsonNode array) {
        if (limited && array.size() > InputLimits.MAX_ITEMS) {
            throw GraphError.badRequest("The property '" + path + name + "' holds at most " + InputLimits.MAX_ITEMS
                    + " items; it has " + array.size() + ".");
        }
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
