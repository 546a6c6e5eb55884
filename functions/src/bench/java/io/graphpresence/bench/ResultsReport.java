package io.graphpresence.bench;

import java.util.List;
import java.util.Map;

/** results.md: the same figures as results.json, as tables a person reads. */
final class ResultsReport {

    private ResultsReport() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n")
                .append("Run ").append(results.get("date")).append(" on ").append(results.get("machine")).append(".\n");
        section(md, "Warm function against the bare SDK call (targets: ratio <= 1.15)",
                (List<Map<String, Object>>) results.get("warm"));
        if (results.get("warmThrottled") != null) {
            section(md, "Warm function with throttling on (counted, flushed every 10 calls, never refused) against the"
                    + " same floor (target: ratio <= 1.15)", (List<Map<String, Object>>) results.get("warmThrottled"));
        }
        if (results.get("batch") == null) {
            return md.toString();
        }
        section(md, "Batch reads against parallel BatchGetItem (targets: requests = ceil(n/100), ratio <= 1.2)",
                (List<Map<String, Object>>) results.get("batch"));
        section(md, "Cold start, fresh JVM with Lambda's flags, against the framework-free baseline (target <= 1.5)",
                (List<Map<String, Object>>) results.get("coldStart"));
        md.append("\nLean Lambda jar: ").append(results.get("lambdaJarBytes")).append(" bytes.\n");
        section(md, "The local stack under load", (List<Map<String, Object>>) results.get("load"));
        section(md, "Cost per call (DynamoDB requests and capacity units)", (List<Map<String, Object>>) results.get("cost"));
        if (results.get("notify") != null) {
            section(md, "Change notifications (targets: latency p50 < 1000 ms, p99 < 2000 ms; schedule cost ratio ~1.0)",
                    notifyRows((Map<String, Object>) results.get("notify")));
        }
        return md.toString();
    }

    /** The notify section is nested (latency, fanOut, scheduleCost): one row per figure reads best. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> notifyRows(Map<String, Object> notify) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        notify.forEach((part, figures) -> flatten(part, figures, rows));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String name, Object value, List<Map<String, Object>> rows) {
        if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((key, inner) -> flatten(name + "." + key, inner, rows));
            return;
        }
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("figure", name);
        row.put("value", value);
        rows.add(row);
    }

    private static void section(StringBuilder md, String title, List<Map<String, Object>> rows) {
        md.append("\n## ").append(title).append("\n\n");
        List<String> columns = List.copyOf(rows.get(0).keySet());
        md.append("| ").append(String.join(" | ", columns)).append(" |\n");
        md.append("|").append("---|".repeat(columns.size())).append("\n");
        for (Map<String, Object> row : rows) {
            md.append("| ");
            columns.forEach(c -> md.append(row.get(c)).append(" | "));
            md.append("\n");
        }
    }
}
