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

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;

/**
 * Runs every benchmark and writes target/bench/results.json, results.md and batch.png.
 * Every figure is a ratio against a baseline measured in this same run on the same
 * DynamoDB Local, so a slow or noisy machine shifts both sides alike.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Path out = Files.createDirectories(target.resolve("bench"));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        WarmBench warm = new WarmBench(false);
        List<Map<String, Object>> cost = new ArrayList<>();
        log("warm functions against their floor");
        results.put("warm", warm.warm(cost));
        log("warm functions with throttling on, against the same floor");
        WarmBench throttled = new WarmBench(true);
        results.put("warmThrottled", throttled.warm(new ArrayList<>()));
        throttled.close();
        if ("warm".equals(System.getProperty("bench.only"))) {
            // -Dbench.only=warm: the warm section alone, a few minutes instead of twelve
            Files.write(out.resolve("results.json"), warm.json().writeValueAsBytes(results));
            Files.writeString(out.resolve("results.md"), ResultsReport.markdown(results), StandardCharsets.UTF_8);
            warm.close();
            log("wrote " + out.toAbsolutePath());
            System.exit(0);
        }
        log("batch reads");
        results.put("batch", warm.batch(cost));
        results.put("cost", cost);
        log("cold starts");
        ColdStartBench cold = new ColdStartBench(target,
                ColdStartBench.environment(warm.dynamoEndpoint(), warm.tableName(), warm.jwks()), ADELE, CONTOSO);
        results.put("coldStart", cold.run());
        results.put("lambdaJarBytes", cold.jarBytes());
        log("the local stack under load");
        results.put("load", new LoadBench().run());
        log("change notifications: latency, fan-out, schedule cost");
        results.put("notify", new NotifyBench().run());
        Files.write(out.resolve("results.json"), warm.json().writeValueAsBytes(results));
        Files.writeString(out.resolve("results.md"), ResultsReport.markdown(results), StandardCharsets.UTF_8);
        chart(results, out.resolve("batch.png"));
        warm.close();
        log("wrote " + out.toAbsolutePath());
        System.exit(0);
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
