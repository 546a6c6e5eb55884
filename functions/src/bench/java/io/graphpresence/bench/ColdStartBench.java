package io.graphpresence.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold starts: each function in a fresh JVM with the flags AWS Lambda's Java runtime uses,
 * from JVM start to its first response, against the framework-free baseline in the same jar.
 */
final class ColdStartBench {

    static final int RUNS = 3;
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
    private final String tenantId;

    ColdStartBench(Path target, Map<String, String> environment, String userId, String tenantId) throws IOException {
        this.lambdaJar = Files.list(target).filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("Package the Lambda jar first"));
        this.probeClasses = probeOnly(target);
        this.environment = environment;
        this.userId = userId;
        this.tenantId = tenantId;
    }

    long jarBytes() throws IOException {
        return Files.size(lambdaJar);
    }

    /** Every function's cold start, each on the kind of request it serves. */
    List<Map<String, Object>> run() throws Exception {
        List<Long> baseline = times(new Probe(BASELINE, "GET", PRESENCE, null), new ArrayList<>());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Probe probe : PROBES) {
            String function = "io.graphpresence.api." + probe.handler();
            List<Long> heap = new ArrayList<>();
            List<Long> times = times(new Probe(function, probe.method(), probe.route(), probe.body()), heap);
            double median = median(times);
            double baselineMedian = median(baseline);
            rows.add(WarmBench.row("function", function.substring(function.lastIndexOf('.') + 1),
                    "medianMs", median, "baselineMedianMs", baselineMedian, "ratio",
                    Stats.round(median / baselineMedian), "runs", RUNS, "heapAfterFirstResponseMb", median(heap)));
        }
        return rows;
    }

    private List<Long> times(Probe probe, List<Long> heap) throws Exception {
        String handler = probe.handler();
        List<Long> times = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(LAMBDA_FLAGS);
            command.addAll(List.of("-cp", lambdaJar + java.io.File.pathSeparator + probeClasses,
                    ColdStartProbe.class.getName(), handler, userId, tenantId, probe.method(), probe.route()));
            if (probe.body() != null) {
                command.add(probe.body().replace(USER_PLACEHOLDER, userId));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            String line = output.lines().filter(l -> l.startsWith("COLD ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(handler + " did not answer:\n" + output));
            String[] parts = line.split(" ");
            // a first clearPresence may find no session (404): still a whole request answered
            if (Integer.parseInt(parts[1]) >= 500) {
                throw new IllegalStateException(handler + " answered " + parts[1] + ":\n" + output);
            }
            times.add(Long.parseLong(parts[2]));
            heap.add(Long.parseLong(parts[3]));
        }
        return times;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The probe and its event builder alone, so no test bean rides into the measured JVM. */
    private static Path probeOnly(Path target) throws IOException {
        Path dir = target.resolve("bench/probe");
        Path classes = target.resolve("test-classes/io/graphpresence/bench");
        Path into = dir.resolve("io/graphpresence/bench");
        Files.createDirectories(into);
        for (String name : List.of("ColdStartProbe.class", "Events.class")) {
            Files.copy(classes.resolve(name), into.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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
