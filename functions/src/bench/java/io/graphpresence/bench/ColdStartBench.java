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
 * from JVM start to its first response, against the framework-free baseline started in the
 * same round.
 */
final class ColdStartBench {

    static final int RUNS = Integer.getInteger("bench.coldRuns", 10);
    static final double TARGET = 1.3;
    static final int PRIMING_RUNS = Integer.getInteger("bench.primingRuns", 5);
    static final double PRIMING_TARGET = 1.2;
    static final String BASELINE = "io.graphpresence.baseline.BaselineGetPresenceHandler";
    private static final String PRESENCE = "/v1.0/users/{id}/presence";
    /** {@code -Dbench.classLoadLog=true}: each cold JVM also writes -Xlog:class+load to bench/classload/ (slower: diagnosis only). */
    private static final boolean CLASS_LOAD_LOG = Boolean.getBoolean("bench.classLoadLog");

    /** Each function with the request it answers first: handler class, method, route, body. */
    private record Probe(String handler, String method, String route, String body) {
    }

    static final String USER_PLACEHOLDER = "USER";
    private static final List<Probe> ALL_PROBES = List.of(
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
    /** {@code -Dbench.functions=GetPresenceFunction,...} measures only those; all by default. */
    private static final List<Probe> PROBES = ALL_PROBES.stream().filter(p -> System.getProperty("bench.functions", "").isBlank()
            || List.of(System.getProperty("bench.functions").split(",")).contains(p.handler())).toList();
    /** What the Lambda Java runtime starts a JVM with (for a 1024 MB function), SnapStart aside. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx870m");

    /**
     * The Lambda runtime's own event serializers (aws-lambda-java-serialization), which the runtime
     * brings and the Lambda jar leaves out: the baseline is served by them, as a jar without a
     * serializer of its own would be; the functions never load them.
     */
    private static final String RUNTIME_SERIALIZATION = java.util.Arrays.stream(
                    System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .filter(entry -> entry.contains("aws-lambda-java-serialization")).findFirst()
            .orElseThrow(() -> new IllegalStateException("aws-lambda-java-serialization is not on the class path"));

    /**
     * {@code -Dbench.compareJar=(path)}: another build's Lambda jar (an earlier commit's, say), whose
     * functions start in the same rounds against the same baseline, so a change is measured on the
     * same machine at the same moment rather than against figures of another day.
     */
    private static final String COMPARE_JAR = System.getProperty("bench.compareJar", "");

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

    /**
     * Every function's cold start, each on the kind of request it serves. Each round starts the
     * baseline and every function once, the baseline first in one round and last in the next, and
     * each function's ratio in a round is against that round's baseline: a machine that gets busier
     * during the run slows both sides of a ratio alike.
     */
    List<Map<String, Object>> run() throws Exception {
        Path baselineEvent = eventFile("baseline", new Probe(BASELINE, "GET", PRESENCE, null));
        List<Path> events = new ArrayList<>();
        for (Probe probe : PROBES) {
            events.add(eventFile(probe.handler(), probe));
        }
        int rows = PROBES.size() * jars().size();
        double[][] times = new double[rows][RUNS];
        double[][] heap = new double[rows][RUNS];
        double[][] classes = new double[rows][RUNS];
        double[][] cpu = new double[rows][RUNS];
        double[] baselines = new double[RUNS];
        double[] baselineClasses = new double[RUNS];
        double[] baselineCpu = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            boolean baselineFirst = run % 2 == 0;
            if (baselineFirst) {
                long[] base = start(lambdaJar, BASELINE, baselineEvent, false, run);
                baselines[run] = base[0];
                baselineClasses[run] = base[2];
                baselineCpu[run] = base[3];
            }
            for (int i = 0; i < rows; i++) {
                int p = baselineFirst ? i : rows - 1 - i; // neither jar always first
                Probe probe = PROBES.get(p % PROBES.size());
                long[] fn = start(jars().get(p / PROBES.size()), "io.graphpresence.api." + probe.handler(),
                        events.get(p % PROBES.size()), true, run);
                times[p][run] = fn[0];
                heap[p][run] = fn[1];
                classes[p][run] = fn[2];
                cpu[p][run] = fn[3];
            }
            if (!baselineFirst) {
                long[] base = start(lambdaJar, BASELINE, baselineEvent, false, run);
                baselines[run] = base[0];
                baselineClasses[run] = base[2];
                baselineCpu[run] = base[3];
            }
            System.out.println("[bench] cold start round " + (run + 1) + " of " + RUNS);
        }
        Stats.Spread baseline = Stats.Spread.of(baselines);
        List<Map<String, Object>> result = new ArrayList<>();
        for (int p = 0; p < rows; p++) {
            Path jar = jars().get(p / PROBES.size());
            String name = PROBES.get(p % PROBES.size()).handler() + (jar.equals(lambdaJar) ? "" : " (compared jar)");
            double[] ratios = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                ratios[run] = times[p][run] / baselines[run];
            }
            Stats.Spread ratio = Stats.Spread.of(ratios);
            Stats.Spread time = Stats.Spread.of(times[p]);
            double[] cpuRatios = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                cpuRatios[run] = cpu[p][run] / baselineCpu[run];
            }
            Stats.Spread cpuRatio = Stats.Spread.of(cpuRatios);
            result.add(WarmBench.row("function", name, "jar", jar.toString(), "medianMs", time.median(),
                    "minMs", time.min(), "maxMs", time.max(), "baselineMedianMs", baseline.median(),
                    "baselineMinMs", baseline.min(), "baselineMaxMs", baseline.max(), "ratio", ratio.median(),
                    "spreadMin", ratio.min(), "spreadMax", ratio.max(), "target", TARGET,
                    "meetsTarget", ratio.median() <= TARGET,
                    "spreadExceedsDistanceToTarget", ratio.exceedsDistanceTo(TARGET), "runs", RUNS,
                    "heapAfterFirstResponseMb", Stats.Spread.of(heap[p]).median(),
                    "classesLoaded", Stats.Spread.of(classes[p]).median(),
                    "baselineClassesLoaded", Stats.Spread.of(baselineClasses).median(),
                    "cpuMedianMs", Stats.Spread.of(cpu[p]).median(), "baselineCpuMedianMs",
                    Stats.Spread.of(baselineCpu).median(), "cpuRatio", cpuRatio.median(),
                    "cpuRatioMin", cpuRatio.min(), "cpuRatioMax", cpuRatio.max()));
        }
        return result;
    }

    /** This build's Lambda jar, and the one to compare it with if one is named. */
    private List<Path> jars() {
        return COMPARE_JAR.isBlank() ? List.of(lambdaJar) : List.of(lambdaJar, Path.of(COMPARE_JAR));
    }

    /** One fresh JVM: milliseconds from its start to the first response, the heap then in use (MB), and the classes loaded. */
    private long[] start(Path jar, String handler, Path event, boolean jarDeclaresSerializer, int run) throws Exception {
        String simple = handler.substring(handler.lastIndexOf('.') + 1) + (jar.equals(lambdaJar) ? "" : "-compared");
        return launch(jar, ColdStartProbe.class, "COLD ", classLoadLog(simple, run), handler, event.toString(),
                jarDeclaresSerializer ? "custom" : "runtime");
    }

    /** One fresh JVM of the priming probe: the first request's and a warm one's nanoseconds, and the classes the first loaded. */
    private long[] primingRun(Probe probe, Path event, String mode, int run) throws Exception {
        return launch(lambdaJar, PrimingProbe.class, "PRIMING ", classLoadLog("priming-" + probe.handler() + "-" + mode, run),
                "io.graphpresence.api." + probe.handler(), event.toString(), mode);
    }

    /** With {@code -Dbench.classLoadLog=true}, the flag that logs a JVM's class loading to bench/classload/(name)-(run).log. */
    private List<String> classLoadLog(String name, int run) throws IOException {
        if (!CLASS_LOAD_LOG) {
            return List.of();
        }
        Path dir = Files.createDirectories(probeClasses.getParent().resolve("classload"));
        return List.of("-Xlog:class+load=info:file=" + dir.resolve(name + "-" + run + ".log"));
    }

    /**
     * SnapStart priming: per function, in fresh JVMs, the first request after the priming hook
     * ran against a warm request of the same JVM, and the same without the hook; alternating.
     */
    List<Map<String, Object>> priming() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Probe probe : PROBES) {
            Path event = eventFile(probe.handler(), probe);
            double[] primed = new double[PRIMING_RUNS];
            double[] unprimed = new double[PRIMING_RUNS];
            double[] firstMs = new double[PRIMING_RUNS];
            double[] warmMs = new double[PRIMING_RUNS];
            double[] firstClasses = new double[PRIMING_RUNS];
            double[] firstClassesUnprimed = new double[PRIMING_RUNS];
            for (int run = 0; run < PRIMING_RUNS; run++) {
                long[] without = run % 2 == 0 ? null : primingRun(probe, event, "unprimed", run);
                long[] with = primingRun(probe, event, "primed", run);
                if (without == null) {
                    without = primingRun(probe, event, "unprimed", run);
                }
                primed[run] = with[0] / (double) with[1];
                unprimed[run] = without[0] / (double) without[1];
                firstMs[run] = with[0] / 1e6;
                warmMs[run] = with[1] / 1e6;
                firstClasses[run] = with[2];
                firstClassesUnprimed[run] = without[2];
            }
            Stats.Spread ratio = Stats.Spread.of(primed);
            Stats.Spread without = Stats.Spread.of(unprimed);
            rows.add(WarmBench.row("function", probe.handler(), "ratio", ratio.median(), "spreadMin", ratio.min(),
                    "spreadMax", ratio.max(), "target", PRIMING_TARGET, "meetsTarget", ratio.median() <= PRIMING_TARGET,
                    "spreadExceedsDistanceToTarget", ratio.exceedsDistanceTo(PRIMING_TARGET),
                    "firstRequestMs", Stats.Spread.of(firstMs).median(), "warmRequestMs", Stats.Spread.of(warmMs).median(),
                    "withoutPrimingRatio", without.median(), "withoutPrimingSpreadMin", without.min(),
                    "withoutPrimingSpreadMax", without.max(), "runs", PRIMING_RUNS,
                    "classesLoadedByFirstRequest", Stats.Spread.of(firstClasses).median(),
                    "withoutPrimingClassesLoadedByFirstRequest", Stats.Spread.of(firstClassesUnprimed).median()));
            System.out.println("[bench] priming " + probe.handler() + ": " + ratio + ", without: " + without);
        }
        return rows;
    }

    /** Runs {@code main} in a fresh JVM with Lambda's flags; the numbers on its output line that starts with {@code mark}. */
    private long[] launch(Path jar, Class<?> main, String mark, List<String> extraFlags, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_FLAGS);
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, jar.toString(),
                probeClasses.toString(), RUNTIME_SERIALIZATION), main.getName()));
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
        long[] numbers = new long[parts.length - 2];
        for (int i = 2; i < parts.length; i++) {
            numbers[i - 2] = Long.parseLong(parts[i]);
        }
        return numbers;
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

    /** The probes, the runtime's entry and the baseline alone (with their nested classes), so no test bean rides into the measured JVM. */
    private static Path probeOnly(Path target) throws IOException {
        Path dir = target.resolve("bench/probe");
        Path classes = target.resolve("test-classes");
        for (String name : List.of("io/graphpresence/bench/ColdStartProbe", "io/graphpresence/bench/PrimingProbe",
                "io/graphpresence/bench/LambdaEntry", "io/graphpresence/bench/InvocationContext",
                "io/graphpresence/baseline/BaselineGetPresenceHandler")) {
            Path from = classes.resolve(name).getParent();
            String simple = classes.resolve(name).getFileName().toString();
            Path into = dir.resolve(name).getParent();
            Files.createDirectories(into);
            try (var files = Files.list(from)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(simple + ".")
                        || f.getFileName().toString().startsWith(simple + "$")).toList()) {
                    Files.copy(file, into.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
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
        env.put("PRESENCE_AUTH_AUDIENCE", "api://presence");
        env.put("PRESENCE_AUTH_JWKS", jwks);
        return env;
    }
}
