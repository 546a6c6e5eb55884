package io.graphpresence.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold starts: each function in a fresh JVM with the flags AWS Lambda's Java runtime uses,
 * from JVM start to its first response, against the framework-free baseline. Function and
 * baseline run in pairs, alternating which starts first, and each pair gives one ratio: a
 * machine that gets busier during the run slows both halves of a pair alike.
 */
final class ColdStartBench {

    static final int RUNS = Integer.getInteger("bench.coldRuns", 10);
    static final double TARGET = 1.3;
    static final int PRIMING_RUNS = Integer.getInteger("bench.primingRuns", 5);
    static final double PRIMING_TARGET = 1.2;
    static final String BASELINE = "io.graphpresence.baseline.BaselineGetPresenceHandler";
    private static final String PRESENCE = "/v1.0/users/{id}/presence";

    /** Each function with the request it answers first: handler class, method, route, body. */
    private record Probe(String handler, String method, String route, String body) {
    }

    static final String USER_PLACEHOLDER = "USER";
    private static final List<Probe> PROBES = List.of(
            new Probe("GetPresenceFunction", "GET", PRESENCE, null),
            new Probe("GetPresencesByUserIdFunction", "POST", "/v1.0/communications/getPresencesByUserId",
                    "{\"ids\":[\"USER\"]}"),
            new Probe("SetPresenceFunction", "POST", PRESENCE + "/setPresence",
                    "{\"sessionId\":\"bench-app\",\"availability\":\"Busy\",\"activity\":\"InACall\"}"),
            new Probe("ClearPresenceFunction", "POST", PRESENCE + "/clearPresence", "{\"sessionId\":\"bench-app\"}"),
            new Probe("SetUserPreferredPresenceFunction", "POST", PRESENCE + "/setUserPreferredPresence",
                    "{\"availability\":\"Away\",\"activity\":\"Away\"}"),
            new Probe("ClearUserPreferredPresenceFunction", "POST", PRESENCE + "/clearUserPreferredPresence", "{}"),
            new Probe("SetStatusMessageFunction", "POST", PRESENCE + "/setStatusMessage",
                    "{\"statusMessage\":{\"message\":{\"content\":\"hi\"}}}"));
    /** What the Lambda Java runtime starts a JVM with (for a 1024 MB function), SnapStart aside. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx870m");

    private final Path lambdaJar;
    private final Path probeClasses;
    private final Map<String, String> environment;
    private final String userId;
    private final EventWriter events;

    /** The JSON of a probe's event. */
    interface EventWriter {
        byte[] event(String method, String route, String rawPath, String userId, String body);
    }

    ColdStartBench(Path target, Map<String, String> environment, String userId, EventWriter events)
            throws IOException {
        try (var files = Files.list(target)) {
            this.lambdaJar = files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("Package the Lambda jar first"));
        }
        this.probeClasses = probeOnly(target);
        this.environment = environment;
        this.userId = userId;
        this.events = events;
    }

    long jarBytes() throws IOException {
        return Files.size(lambdaJar);
    }

    /** Every function's cold start, each on the kind of request it serves, paired with the baseline's. */
    List<Map<String, Object>> run() throws Exception {
        Path baselineEvent = eventFile("baseline", new Probe(BASELINE, "GET", PRESENCE, null));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Probe probe : PROBES) {
            Path event = eventFile(probe.handler(), probe);
            String function = "io.graphpresence.api." + probe.handler();
            double[] ratios = new double[RUNS];
            double[] times = new double[RUNS];
            double[] baselines = new double[RUNS];
            double[] heap = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                boolean baselineFirst = run % 2 == 0;
                long[] base = baselineFirst ? start(BASELINE, baselineEvent, false) : null;
                long[] fn = start(function, event, true);
                if (!baselineFirst) {
                    base = start(BASELINE, baselineEvent, false);
                }
                times[run] = fn[0];
                baselines[run] = base[0];
                heap[run] = fn[1];
                ratios[run] = fn[0] / (double) base[0];
            }
            Stats.Spread ratio = Stats.Spread.of(ratios);
            Stats.Spread time = Stats.Spread.of(times);
            Stats.Spread baseline = Stats.Spread.of(baselines);
            rows.add(WarmBench.row("function", probe.handler(), "medianMs", time.median(),
                    "minMs", time.min(), "maxMs", time.max(), "baselineMedianMs", baseline.median(),
                    "baselineMinMs", baseline.min(), "baselineMaxMs", baseline.max(), "ratio", ratio.median(),
                    "spreadMin", ratio.min(), "spreadMax", ratio.max(), "target", TARGET,
                    "meetsTarget", ratio.median() <= TARGET,
                    "spreadExceedsDistanceToTarget", ratio.exceedsDistanceTo(TARGET), "runs", RUNS,
                    "heapAfterFirstResponseMb", Stats.Spread.of(heap).median()));
            System.out.println("[bench] cold start " + probe.handler() + ": " + ratio);
        }
        return rows;
    }

    /** One fresh JVM: milliseconds from its start to the first response, and the heap then in use (MB). */
    private long[] start(String handler, Path event, boolean jarDeclaresSerializer) throws Exception {
        return launch(ColdStartProbe.class, "COLD ", handler, event.toString(),
                jarDeclaresSerializer ? "custom" : "runtime");
    }

    /**
     * SnapStart priming: per function, in fresh JVMs, the first request after the priming hook
     * ran against a warm request of the same JVM, and the same without the hook; alternating.
     */
    List<Map<String, Object>> priming() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Probe probe : PROBES) {
            Path event = eventFile(probe.handler(), probe);
            String function = "io.graphpresence.api." + probe.handler();
            double[] primed = new double[PRIMING_RUNS];
            double[] unprimed = new double[PRIMING_RUNS];
            double[] firstMs = new double[PRIMING_RUNS];
            double[] warmMs = new double[PRIMING_RUNS];
            for (int run = 0; run < PRIMING_RUNS; run++) {
                long[] without = run % 2 == 0 ? null : launch(PrimingProbe.class, "PRIMING ", function,
                        event.toString(), "unprimed");
                long[] with = launch(PrimingProbe.class, "PRIMING ", function, event.toString(), "primed");
                if (without == null) {
                    without = launch(PrimingProbe.class, "PRIMING ", function, event.toString(), "unprimed");
                }
                primed[run] = with[0] / (double) with[1];
                unprimed[run] = without[0] / (double) without[1];
                firstMs[run] = with[0] / 1e6;
                warmMs[run] = with[1] / 1e6;
            }
            Stats.Spread ratio = Stats.Spread.of(primed);
            Stats.Spread without = Stats.Spread.of(unprimed);
            rows.add(WarmBench.row("function", probe.handler(), "ratio", ratio.median(), "spreadMin", ratio.min(),
                    "spreadMax", ratio.max(), "target", PRIMING_TARGET, "meetsTarget", ratio.median() <= PRIMING_TARGET,
                    "spreadExceedsDistanceToTarget", ratio.exceedsDistanceTo(PRIMING_TARGET),
                    "firstRequestMs", Stats.Spread.of(firstMs).median(), "warmRequestMs", Stats.Spread.of(warmMs).median(),
                    "withoutPrimingRatio", without.median(), "withoutPrimingSpreadMin", without.min(),
                    "withoutPrimingSpreadMax", without.max(), "runs", PRIMING_RUNS));
            System.out.println("[bench] priming " + probe.handler() + ": " + ratio + ", without: " + without);
        }
        return rows;
    }

    /** Runs {@code main} in a fresh JVM with Lambda's flags; the numbers on its output line that starts with {@code mark}. */
    private long[] launch(Class<?> main, String mark, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_FLAGS);
        command.addAll(List.of("-cp", lambdaJar + java.io.File.pathSeparator + probeClasses, main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        String line = output.lines().filter(l -> l.startsWith(mark)).findFirst()
                .orElseThrow(() -> new IllegalStateException(args[0] + " did not answer:\n" + output));
        String[] parts = line.split(" ");
        // a first clearPresence may find no session (404): still a whole request answered
        if (Integer.parseInt(parts[1]) >= 500) {
            throw new IllegalStateException(args[0] + " answered " + parts[1] + ":\n" + output);
        }
        return new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[3])};
    }

    private Path eventFile(String name, Probe probe) throws IOException {
        String rawPath = probe.route().replace("{id}", userId);
        String body = probe.body() == null ? null : probe.body().replace(USER_PLACEHOLDER, userId);
        Path file = probeClasses.resolve("events").resolve(name + ".json");
        Files.createDirectories(file.getParent());
        Files.write(file, events.event(probe.method(), probe.route(), rawPath,
                probe.route().contains("{id}") ? userId : null, body));
        return file;
    }

    /** The probe, the runtime's entry and the baseline alone, so no test bean rides into the measured JVM. */
    private static Path probeOnly(Path target) throws IOException {
        Path dir = target.resolve("bench/probe");
        Path classes = target.resolve("test-classes");
        for (String name : List.of("io/graphpresence/bench/ColdStartProbe.class",
                "io/graphpresence/bench/PrimingProbe.class",
                "io/graphpresence/bench/LambdaEntry.class", "io/graphpresence/bench/LambdaEntry$1.class",
                "io/graphpresence/bench/LambdaEntry$2.class", "io/graphpresence/bench/LambdaEntry$Serializer.class",
                "io/graphpresence/baseline/BaselineGetPresenceHandler.class")) {
            Path into = dir.resolve(name);
            Files.createDirectories(into.getParent());
            Files.copy(classes.resolve(name), into, StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    static Map<String, String> environment(String endpoint, String table, String jwks) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SERVICES_DYNAMODB_ENDPOINT_OVERRIDE", endpoint);
        env.put("PRESENCE_TABLE_NAME", table);
        env.put("PRESENCE_AUTH_ISSUER", "http://127.0.0.1/_local");
        env.put("PRESENCE_AUTH_JWKS", jwks);
        return env;
    }
}
