package io.graphpresence.bench;

import io.graphpresence.local.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;

/**
 * The local stack under load over loopback HTTP: a fixed number of clients, each sending
 * requests back to back for a fixed time, then stopping by themselves.
 */
final class LoadBench {

    static final Duration PER_POINT = Duration.ofSeconds(4);
    private static final String APP = "load-app";

    List<Map<String, Object>> run() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null, Events.UNTHROTTLED))) {
            String token = stack.tokens().mint(CONTOSO, APP, null, null,
                    List.of("Presence.ReadWrite.All", "Presence.Read.All"), Duration.ofHours(1));
            HttpRequest get = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1.0/users/" + ADELE + "/presence"))
                    .header("Authorization", "Bearer " + token).build();
            HttpRequest set = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1.0/users/" + ADELE
                            + "/presence/setPresence")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\":\"" + APP
                            + "\",\"availability\":\"Available\",\"activity\":\"Available\"}")).build();
            for (Map.Entry<String, HttpRequest> op : List.of(Map.entry("getPresence", get), Map.entry("setPresence", set))) {
                for (int clients : new int[] {1, 8, 32}) {
                    rows.add(point(op.getKey(), op.getValue(), clients));
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> point(String name, HttpRequest request, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + PER_POINT.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(name + " answered " + response.statusCode());
                    }
                    latencies.add(System.nanoTime() - start);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        Stats stats = Stats.of(latencies.stream().mapToLong(Long::longValue).toArray());
        return WarmBench.row("operation", name, "clients", clients,
                "requestsPerSecond", Math.round(latencies.size() / (double) PER_POINT.toSeconds()),
                "medianMs", Stats.round(stats.medianMs()), "p99Ms", Stats.round(stats.p99Ms()));
    }
}
