package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of one UpdateItem (or the update of a transaction), collected clause by clause so
 * that several concerns can add to the same write.
 */
final class ItemUpdate {

    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final List<String> deletes = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private String condition;

    ItemUpdate set(String clause) {
        sets.add(clause);
        return this;
    }

    ItemUpdate remove(String path) {
        removes.add(path);
        return this;
    }

    ItemUpdate add(String clause) {
        adds.add(clause);
        return this;
    }

    /** Takes elements out of a set: {@code DELETE #set :elements}. */
    ItemUpdate delete(String clause) {
        deletes.add(clause);
        return this;
    }

    ItemUpdate name(String placeholder, String name) {
        names.put(placeholder, name);
        return this;
    }

    ItemUpdate value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    /** Sets {@code attribute} to {@code value}, or removes it when the value is null. */
    ItemUpdate setOrRemove(String placeholder, String attribute, AttributeValue value) {
        name(placeholder, attribute);
        if (value == null) {
            return remove(placeholder);
        }
        return set(placeholder + " = :" + placeholder.substring(1)).value(":" + placeholder.substring(1), value);
    }

    /** One more condition, and-ed with those before it. */
    ItemUpdate condition(String expression) {
        condition = condition == null ? expression : condition + " AND " + expression;
        return this;
    }

    String expression() {
        List<String> parts = new ArrayList<>();
        if (!sets.isEmpty()) {
            parts.add("SET " + String.join(", ", sets));
        }
        if (!removes.isEmpty()) {
            parts.add("REMOVE " + String.join(", ", removes));
        }
        if (!adds.isEmpty()) {
            parts.add("ADD " + String.join(", ", adds));
        }
        if (!deletes.isEmpty()) {
            parts.add("DELETE " + String.join(", ", deletes));
        }
        return String.join(" ", parts);
    }

    String conditionExpression() {
        return condition;
    }

    Map<String, String> names() {
        return names;
    }

    /** The values, or null when there are none: DynamoDB refuses an empty map. */
    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : values;
    }
}
