package io.graphpresence.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format record: a few metrics under the same dimensions,
 * written as one JSON log line, which CloudWatch turns into metrics with no API call.
 * Build it with {@link #of}, then hand it to {@link Metrics#emit}.
 */
public final class MetricLine {

    enum Unit { Count, Milliseconds }

    record Value(String name, Unit unit, List<Double> values) {
    }

    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final Map<String, Value> values = new LinkedHashMap<>();
    private boolean alsoAggregate;

    private MetricLine() {
    }

    public static MetricLine of() {
        return new MetricLine();
    }

    /** A dimension the metrics are split by, such as the operation. */
    public MetricLine dimension(String name, String value) {
        dimensions.put(name, value);
        return this;
    }

    /** Publishes the metrics without the dimensions too, for a service-wide figure (5xx of all operations). */
    public MetricLine alsoAggregate() {
        alsoAggregate = true;
        return this;
    }

    /** A count; given again under the same name, it adds up. */
    public MetricLine count(String name, double count) {
        return add(name, Unit.Count, count);
    }

    /** A duration; several in one line are kept as separate values (EMF's value arrays), for percentiles. */
    public MetricLine millis(String name, double millis) {
        return add(name, Unit.Milliseconds, millis);
    }

    /** A count given again adds to the one there; a duration given again is another sample. */
    private MetricLine add(String name, Unit unit, double value) {
        List<Double> samples = values.computeIfAbsent(name, n -> new Value(n, unit, new ArrayList<>())).values();
        if (unit == Unit.Count && !samples.isEmpty()) {
            samples.set(0, samples.get(0) + value);
        } else {
            samples.add(value);
        }
        return this;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    Map<String, String> dimensions() {
        return dimensions;
    }

    Iterable<Value> values() {
        return values.values();
    }

    /** The EMF JSON of this line. @param properties extra fields for the log line only, not metrics */
    String toJson(String namespace, long timestampMillis, Map<String, String> properties) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"_aws\":{\"Timestamp\":").append(timestampMillis)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        string(json, namespace).append(",\"Dimensions\":[[");
        joinNames(json, dimensions.keySet());
        json.append(']');
        if (alsoAggregate && !dimensions.isEmpty()) {
            json.append(",[]");
        }
        json.append("],\"Metrics\":[");
        boolean first = true;
        for (Value value : values.values()) {
            json.append(first ? "" : ",").append("{\"Name\":");
            string(json, value.name()).append(",\"Unit\":\"").append(value.unit()).append("\"}");
            first = false;
        }
        json.append("]}]}");
        properties.forEach((name, text) -> string(string(json.append(','), name).append(':'), text));
        dimensions.forEach((name, text) -> string(string(json.append(','), name).append(':'), text));
        for (Value value : values.values()) {
            string(json.append(','), value.name()).append(':');
            if (value.values().size() == 1) {
                number(json, value.values().get(0));
            } else {
                json.append('[');
                for (int i = 0; i < value.values().size(); i++) {
                    number(json.append(i == 0 ? "" : ","), value.values().get(i));
                }
                json.append(']');
            }
        }
        return json.append('}').toString();
    }

    private static void joinNames(StringBuilder json, Iterable<String> names) {
        boolean first = true;
        for (String name : names) {
            string(json.append(first ? "" : ","), name);
            first = false;
        }
    }

    private static void number(StringBuilder json, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.append((long) value);
        } else {
            json.append(value);
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped (X-Ray's documents use it too). */
    static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
}
