package io.graphpresence.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Ten thousand subscribers, each listening on its own loopback port, served by one selector
 * thread: a JDK HTTP server per port would be a dispatcher thread per port. Every exchange is
 * one request answered with {@code Connection: close}, so at most the deliveries under way hold
 * a connection and the file descriptors needed are about one per port
 * ({@link #descriptorsNeeded}). They answer the validation handshake and keep every
 * notification POST with the port's index and the moment it was read whole.
 */
final class FanOutPorts implements FanOutSubscribers {

    private final Selector selector = Selector.open();
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final LinkedBlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    private final Thread loop;
    private volatile boolean open = true;

    FanOutPorts(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT, i);
            listeners.add(listener);
        }
        loop = new Thread(this::serve, "fan-out-ports");
        loop.setDaemon(true);
        loop.start();
    }

    /** Ports, plus the connections under way on both ends and a margin for the JVM's own files. */
    static int descriptorsNeeded(int count) {
        return count + 2 * 256 + 1024;
    }

    @Override
    public String url(int i) {
        return "http://127.0.0.1:" + listeners.get(i).socket().getLocalPort() + "/hook";
    }

    @Override
    public Post next(Duration timeout) throws InterruptedException {
        return posts.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One connection's bytes so far, and which subscriber it reached. */
    private static final class Exchange {
        final int receiver;
        final ByteArrayOutputStream read = new ByteArrayOutputStream();

        Exchange(int receiver) {
            this.receiver = receiver;
        }
    }

    private void serve() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (open) {
            try {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept(key);
                    } else if (key.isReadable()) {
                        read(key, buffer);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (open) {
                    System.out.println("[bench] fan-out ports: " + e);
                }
            }
        }
    }

    private void accept(SelectionKey key) throws IOException {
        SocketChannel channel = ((ServerSocketChannel) key.channel()).accept();
        if (channel != null) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Exchange((Integer) key.attachment()));
        }
    }

    private void read(SelectionKey key, ByteBuffer buffer) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        Exchange exchange = (Exchange) key.attachment();
        buffer.clear();
        int n;
        try {
            n = channel.read(buffer);
        } catch (IOException reset) {
            n = -1;
        }
        if (n < 0) {
            key.cancel();
            channel.close();
            return;
        }
        exchange.read.write(buffer.array(), 0, n);
        String request = exchange.read.toString(StandardCharsets.ISO_8859_1);
        int end = request.indexOf("\r\n\r\n");
        if (end < 0 || request.length() - end - 4 < contentLength(request.substring(0, end))) {
            return;
        }
        long at = System.nanoTime();
        String line = request.substring(0, request.indexOf("\r\n"));
        String answer = "";
        int token = line.indexOf("validationToken=");
        if (token >= 0) {
            String value = line.substring(token + 16).split("[ &]")[0];
            answer = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } else {
            byte[] all = exchange.read.toByteArray();
            posts.add(new Post(exchange.receiver, new String(all, end + 4, all.length - end - 4, StandardCharsets.UTF_8),
                    at));
        }
        respond(channel, answer);
        key.cancel();
        channel.close();
    }

    private static int contentLength(String head) {
        for (String header : head.split("\r\n")) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(header.substring(15).trim());
            }
        }
        return 0;
    }

    /** A small answer: written whole, waiting briefly if the socket's buffer is full. */
    private static void respond(SocketChannel channel, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n";
        ByteBuffer out = ByteBuffer.allocate(head.length() + bytes.length);
        out.put(head.getBytes(StandardCharsets.ISO_8859_1)).put(bytes).flip();
        for (int spins = 0; out.hasRemaining() && spins < 1000; spins++) {
            if (channel.write(out) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ServerSocketChannel listener : listeners) {
            listener.close();
        }
        selector.close();
    }
}
