package io.graphpresence.local;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber's endpoint on loopback, as a test needs one: answers Graph's validation
 * handshake (or refuses it), and keeps every notification POST it is sent, answering with the
 * status the test chooses (200 until told otherwise).
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final LinkedBlockingQueue<String> posts = new LinkedBlockingQueue<>();
    private volatile int status = 200;
    private volatile boolean validates = true;
    private volatile int failedPosts;
    private final java.util.concurrent.atomic.AtomicInteger arrivals = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Duration delay = Duration.ZERO;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // one thread per request, so a slow answer does not hold up the next POST
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on, notifications are answered with this status. */
    public void answerWith(int status) {
        this.status = status;
    }

    /** From now on, notifications are answered only after {@code delay}. */
    public void answerAfter(Duration delay) {
        this.delay = delay;
    }

    /** From now on, the validation handshake is answered wrongly (the token is not echoed). */
    public void refuseValidation() {
        validates = false;
    }

    /** POSTs that were answered with a failure. */
    public int failedPosts() {
        return failedPosts;
    }

    /** Notification POSTs that have reached this endpoint, answered yet or not. */
    public int arrivals() {
        return arrivals.get();
    }

    /** The next POST body, or null when none came within the timeout. */
    public String next(Duration timeout) throws InterruptedException {
        return posts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every POST body that came within {@code quiet} of the previous one. */
    public List<String> drain(Duration quiet) throws InterruptedException {
        List<String> all = new ArrayList<>();
        for (String body = next(quiet); body != null; body = next(quiet)) {
            all.add(body);
        }
        return all;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (query != null && query.contains("validationToken=")) {
            String token = URLDecoder.decode(query.substring(query.indexOf("validationToken=") + 16), StandardCharsets.UTF_8);
            respond(exchange, 200, "text/plain", validates ? token : "not the token");
            return;
        }
        arrivals.incrementAndGet();
        int answer = status;
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (answer / 100 == 2) {
            posts.add(new String(body, StandardCharsets.UTF_8));
        } else {
            failedPosts++;
        }
        respond(exchange, answer, "text/plain", "");
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
