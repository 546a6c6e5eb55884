package io.graphpresence.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.graphpresence.local.FunctionHarness.ADELE;

/**
 * Runs the benchmarks and writes target/bench/results.json, results.md and batch.png.
 * Every figure is a ratio against a baseline measured in this same run on the same
 * DynamoDB Local, so a slow or noisy machine shifts both sides alike.
 *
 * <p>{@code -Dbench.sections=warm,cold} (any of {@value #ALL}) runs only those sections and
 * writes results-partial-(sections).json and .md instead, leaving a whole run's files alone.
 */
public final class BenchMain {

    static final String ALL = "warm,batch,cold,priming,load,notify,scale";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Path out = Files.createDirectories(target.resolve("bench"));
        Set<String> sections = Set.of(System.getProperty("bench.sections", ALL).split(","));
        boolean whole = sections.containsAll(Set.of(ALL.split(",")));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        results.put("loadAverageAtStart", loadAverage());
        WarmBench warm = new WarmBench(false);
        List<Map<String, Object>> cost = new ArrayList<>();
        if (sections.contains("warm")) {
            log("warm functions through the Lambda runtime's entry, against their floor, with throttling off and on"
                    + " (counted against a limit too high to refuse), block by block in turn");
            WarmBench throttled = new WarmBench(true);
            List<WarmBench.Warm> both = WarmBench.warm(List.of(warm, throttled), cost);
            results.put("warm", both.get(0).rows());
            results.put("warmThrottled", both.get(1).rows());
            results.put("throttlingCost", WarmBench.handlerRatios(both.get(1), both.get(0)));
            throttled.close();
        }
        if (sections.contains("batch")) {
            log("batch reads");
            results.put("batch", warm.batch(cost));
        }
        if (!cost.isEmpty()) {
            results.put("cost", cost);
        }
        ColdStartBench cold = new ColdStartBench(target,
                ColdStartBench.environment(warm.dynamoEndpoint(), warm.tableName(), warm.jwks()), ADELE, warm::event);
        results.put("lambdaJarBytes", cold.jarBytes());
        if (sections.contains("cold")) {
            log("cold starts, " + ColdStartBench.RUNS + " pairs per function");
            results.put("coldStart", cold.run());
        }
        if (sections.contains("priming")) {
            log("SnapStart priming: first request after the hook against a warm one");
            results.put("priming", cold.priming());
        }
        if (sections.contains("load")) {
            log("the local stack under load");
            results.put("load", new LoadBench().run());
        }
        if (sections.contains("notify")) {
            log("change notifications: latency, fan-out, schedule cost");
            results.put("notify", new NotifyBench().run());
        }
        if (sections.contains("scale")) {
            log("the capacity model: each operation's requests, units and keys, measured, then 10^4..10^7 users");
            results.put("scale", ScaleModel.run());
        }
        results.put("loadAverageAtEnd", loadAverage());
        String name = whole ? "results" : "results-partial-" + String.join("-", new java.util.TreeSet<>(sections));
        Files.write(out.resolve(name + ".json"), warm.json().writeValueAsBytes(results));
        Files.writeString(out.resolve(name + ".md"), ResultsReport.markdown(results), StandardCharsets.UTF_8);
        if (results.containsKey("batch")) {
            chart(results, out.resolve("batch.png"));
        }
        warm.close();
        log("wrote " + out.resolve(name + ".json").toAbsolutePath());
        System.exit(0);
    }

    /** The machine's 1, 5 and 15 minute load averages, where Linux tells them; the figures' context. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    @SuppressWarnings("unchecked")
    private static void chart(Map<String, Object> results, Path png) throws Exception {
        List<Map<String, Object>> batch = (List<Map<String, Object>>) results.get("batch");
        XYChart chart = new XYChartBuilder().width(720).height(420).title("getPresencesByUserId latency")
                .xAxisTitle("ids per request").yAxisTitle("median ms").build();
        chart.addSeries("function", batch.stream().map(r -> ((Number) r.get("ids")).doubleValue()).toList(),
                batch.stream().map(r -> ((Number) r.get("medianMs")).doubleValue()).toList());
        chart.addSeries("parallel BatchGetItem floor", batch.stream().map(r -> ((Number) r.get("ids")).doubleValue())
                .toList(), batch.stream().map(r -> ((Number) r.get("floorMedianMs")).doubleValue()).toList());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void log(String step) {
        System.out.println("[bench] " + step);
    }
}
