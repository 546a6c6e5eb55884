package io.graphpresence.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Many subscribers, each its own HTTP server on its own loopback port, so the service opens a
 * connection per subscriber as it would to subscribers on different hosts. They answer the
 * validation handshake and keep every notification POST with the moment it arrived.
 */
final class FanOutReceivers implements FanOutSubscribers {

    private final List<HttpServer> servers = new ArrayList<>();
    // one thread per request, shared by all servers, so a slow answer holds up no other subscriber
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final LinkedBlockingQueue<Post> posts = new LinkedBlockingQueue<>();

    FanOutReceivers(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            int receiver = i;
            server.createContext("/", exchange -> handle(receiver, exchange));
            server.setExecutor(threads);
            server.start();
            servers.add(server);
        }
    }

    @Override
    public String url(int i) {
        return "http://127.0.0.1:" + servers.get(i).getAddress().getPort() + "/hook";
    }

    @Override
    public Post next(Duration timeout) throws InterruptedException {
        return posts.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void handle(int receiver, HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        long at = System.nanoTime();
        String answer = "";
        if (query != null && query.contains("validationToken=")) {
            answer = URLDecoder.decode(query.substring(query.indexOf("validationToken=") + 16), StandardCharsets.UTF_8);
        } else {
            posts.add(new Post(receiver, new String(body, StandardCharsets.UTF_8), at));
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        threads.shutdownNow();
    }
}
