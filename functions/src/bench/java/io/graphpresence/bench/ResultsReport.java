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
        md.append("Load average at start ").append(results.get("loadAverageAtStart")).append(", at end ")
                .append(results.get("loadAverageAtEnd")).append(".\n");
        section(md, "Warm function through handleRequest against the bare SDK call (target: ratio <= 1.15; "
                        + "median and spread of independent blocks)", (List<Map<String, Object>>) results.get("warm"));
        if (results.get("warmThrottled") != null) {
            section(md, "Warm function with throttling on (counted, flushed every 10 calls, never refused) against the"
                    + " same floor (target: ratio <= 1.15)", (List<Map<String, Object>>) results.get("warmThrottled"));
            section(md, "Throttling's own cost: the ratio to the floor with throttling on over the ratio with it off,"
                    + " block by block", (List<Map<String, Object>>) results.get("throttlingCost"));
        }
        section(md, "Batch reads against parallel BatchGetItem (targets: requests = ceil(n/100), ratio <= 1.2)",
                (List<Map<String, Object>>) results.get("batch"));
        section(md, "Cold start, fresh JVM with Lambda's flags, in pairs with the framework-free baseline "
                + "(target <= 1.3)", (List<Map<String, Object>>) results.get("coldStart"));
        if (results.get("lambdaJarBytes") != null) {
            md.append("\nLean Lambda jar: ").append(results.get("lambdaJarBytes")).append(" bytes.\n");
        }
        section(md, "SnapStart priming: first request after the hook against a warm request, same JVM "
                + "(target <= 1.2)", (List<Map<String, Object>>) results.get("priming"));
        section(md, "The local stack under load", (List<Map<String, Object>>) results.get("load"));
        section(md, "Cost per call (DynamoDB requests and capacity units)", (List<Map<String, Object>>) results.get("cost"));
        if (results.get("notify") != null) {
            section(md, "Change notifications (targets: latency p50 < 1000 ms, p99 < 2000 ms; schedule cost ratio ~1.0)",
                    notifyRows((Map<String, Object>) results.get("notify")));
        }
        if (results.get("scale") != null) {
            scale(md, (Map<String, Object>) results.get("scale"));
        }
        return md.toString();
    }

    /** The capacity model: its rows' headline figures, each measured operation, and the rest as figures. */
    @SuppressWarnings("unchecked")
    private static void scale(StringBuilder md, Map<String, Object> scale) {
        List<Map<String, Object>> rows = ((List<Map<String, Object>>) scale.get("rows")).stream()
                .map(ResultsReport::scalars).toList();
        section(md, "Capacity model, peak hour (limits: 1,000 WCU/s and 3,000 RCU/s a key; 1,000 items and 10 s an"
                + " invocation)", rows);
        List<Map<String, Object>> measured = new java.util.ArrayList<>();
        ((Map<String, Map<String, Object>>) scale.get("measured")).forEach((op, figures) -> {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("operation", op);
            row.putAll(scalars(figures));
            measured.add(row);
        });
        section(md, "Measured on DynamoDB Local, each operation with what follows it downstream", measured);
        List<Map<String, Object>> figures = new java.util.ArrayList<>();
        scale.forEach((name, value) -> {
            if (!name.equals("rows") && !name.equals("measured")) {
                flatten(name, value, figures);
            }
        });
        section(md, "Capacity model: latency, fan-out, checks and the next limit", figures);
    }

    private static Map<String, Object> scalars(Map<String, Object> row) {
        Map<String, Object> kept = new java.util.LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
                kept.put(k, v);
            }
        });
        return kept;
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
        if (rows == null || rows.isEmpty()) {
            return;
        }
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
