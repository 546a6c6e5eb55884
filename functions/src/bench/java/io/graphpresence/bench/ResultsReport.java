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
        section(md, "Batch reads against parallel BatchGetItem (targets: requests = ceil(n/100), ratio <= 1.2)",
                (List<Map<String, Object>>) results.get("batch"));
        section(md, "Cold start, fresh JVM with Lambda's flags, against the framework-free baseline (target <= 1.5)",
                (List<Map<String, Object>>) results.get("coldStart"));
        md.append("\nLean Lambda jar: ").append(results.get("lambdaJarBytes")).append(" bytes.\n");
        section(md, "The local stack under load", (List<Map<String, Object>>) results.get("load"));
        section(md, "Cost per call (DynamoDB requests and capacity units)", (List<Map<String, Object>>) results.get("cost"));
        return md.toString();
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
