package io.graphpresence.observe;

import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes metrics as CloudWatch Embedded Metric Format lines on standard output, where Lambda
 * sends them to CloudWatch Logs and CloudWatch extracts the metrics: no API call on the
 * request path. It also keeps running totals in memory, which the local stack shows at
 * {@code GET /_local/metrics}; in Lambda nobody reads them.
 */
@Singleton
public final class Metrics {

    public static final String NAMESPACE = "GraphPresence";
    /** What {@code println} ended a line with. */
    private static final String LINE_END = System.lineSeparator();

    /** Totals of one metric under one set of dimensions. */
    private static final class Total {
        private long samples;
        private double sum;
        private double max;

        synchronized void add(double value) {
            samples++;
            sum += value;
            max = samples == 1 ? value : Math.max(max, value);
        }

        synchronized Object view(MetricLine.Unit unit) {
            if (unit == MetricLine.Unit.Count) {
                return sum;
            }
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("samples", samples);
            timing.put("averageMs", samples == 0 ? 0 : sum / samples);
            timing.put("maxMs", max);
            return timing;
        }
    }

    private record Key(String dimensions, String name, MetricLine.Unit unit) {
    }

    private final Map<Key, Total> totals = new ConcurrentHashMap<>();

    /** Writes the line, with the request it belongs to (if any), and adds it to the totals. */
    public void emit(MetricLine line) {
        if (line.isEmpty()) {
            return;
        }
        Map<String, String> properties = new LinkedHashMap<>(4);
        copyFromLogContext(properties, RequestLog.REQUEST_ID);
        copyFromLogContext(properties, RequestLog.AWS_REQUEST_ID);
        // one write of the line and its end, in a request gathered with its log lines (StandardOutput)
        byte[] json = (line.toJson(NAMESPACE, System.currentTimeMillis(), properties) + LINE_END)
                .getBytes(StandardCharsets.UTF_8);
        StandardOutput.write(json, 0, json.length);
        String dimensions = dimensions(line);
        for (MetricLine.Value value : line.values()) {
            Total total = totals.computeIfAbsent(new Key(dimensions, value.name(), value.unit()), k -> new Total());
            value.values().forEach(total::add);
        }
    }

    /** The totals' name of a line's dimensions: {@code name=value} joined by commas. */
    private static String dimensions(MetricLine line) {
        StringBuilder joined = new StringBuilder(32);
        for (Map.Entry<String, String> dimension : line.dimensions().entrySet()) {
            joined.append(joined.isEmpty() ? "" : ",").append(dimension.getKey()).append('=')
                    .append(dimension.getValue());
        }
        return joined.toString();
    }

    /**
     * The totals so far, by dimensions ("" for none) then metric name: a count's sum, or a
     * duration's samples, average and maximum.
     */
    public Map<String, Map<String, Object>> totals() {
        Map<String, Map<String, Object>> view = new TreeMap<>();
        totals.forEach((key, total) -> view.computeIfAbsent(key.dimensions(), d -> new TreeMap<>())
                .put(key.name(), total.view(key.unit())));
        return view;
    }

    private static void copyFromLogContext(Map<String, String> properties, String key) {
        String value = MDC.get(key);
        if (value != null) {
            properties.put(key, value);
        }
    }
}
