package io.graphpresence.bench;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capacity model: the workload file's rates times what each operation was measured to
 * cost ({@link ScaleBench}), for 10^4..10^7 users, with the hottest key of the table and of the
 * due index ({@link DueKeyLoad}), the largest invocation, Lambda concurrency, the monthly bill,
 * the limits checked at 10^7 and the first one 10^8 would break.
 */
final class ScaleModel {

    static final String WORKLOAD = "/scale-workload.json";

    private final Map<String, Object> w;
    private final Map<String, Map<String, Object>> ops;
    private final ScaleRates.Costs costs;

    ScaleModel(Map<String, Object> workload, Map<String, Map<String, Object>> measured) {
        this.w = workload;
        this.ops = measured;
        this.costs = new ScaleRates.Costs(workload, measured);
    }

    static Map<String, Object> run() throws Exception {
        Map<String, Object> workload = workload();
        Map<String, Map<String, Object>> measured;
        try (ScaleBench bench = new ScaleBench()) {
            measured = bench.measure();
        }
        return new ScaleModel(workload, measured).report();
    }

    static Map<String, Object> workload() throws Exception {
        try (InputStream in = ScaleModel.class.getResourceAsStream(WORKLOAD)) {
            return JsonMapper.createDefault().readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
        }
    }

    Map<String, Object> report() {
        Map<String, Object> result = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object users : (List<?>) w.get("users")) {
            rows.add(new ScaleRates(w, costs, ((Number) users).longValue()).row());
        }
        Map<String, Object> top = rows.get(rows.size() - 1);
        Map<String, Object> next = new ScaleRates(w, costs, ((Number) top.get("users")).longValue() * 10).row();
        result.put("rows", rows);
        result.put("timeDrivenLatencyP99Ms", costs.timeDrivenLatencyP99Ms());
        result.put("timeDrivenLatencyParts", costs.timeDrivenLatencyParts());
        result.put("fanOut100kSeconds", costs.fanOutSeconds(ScaleRates.num(ScaleRates.map(w, "hotUser"), "subscriptions")));
        result.put("fanOut100kParts", costs.fanOutParts(ScaleRates.num(ScaleRates.map(w, "hotUser"), "subscriptions")));
        result.put("checksAtTop", ScaleRates.checks(top, costs));
        result.put("passesAtTop", ScaleRates.checks(top, costs).values().stream().allMatch(Boolean.TRUE::equals));
        result.put("quotaUtilisationAtTop", ScaleRates.quotaUtilisation(top, w));
        result.put("nextLimit", nextLimit(next));
        result.put("measured", ops);
        result.put("workload", WORKLOAD + " (prices of " + ScaleRates.map(w, "prices").get("date") + ")");
        return result;
    }

    /**
     * What 10x the top row breaks first: the most loaded of the design's limits, and apart from
     * them the account quotas (adjustable) that the top row and 10x already exceed.
     */
    private Map<String, Object> nextLimit(Map<String, Object> next) {
        Map<String, Double> load = ScaleRates.utilisation(next, costs);
        String worst = load.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("users", next.get("users"));
        limit.put("limit", worst);
        limit.put("utilisation", ScaleBench.round(load.get(worst)));
        limit.put("utilisationByLimit", load);
        limit.put("hottestKey", next.get("hottestKey"));
        limit.put("quotaUtilisation", ScaleRates.quotaUtilisation(next, w));
        return limit;
    }
}
