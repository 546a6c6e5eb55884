package io.graphpresence.webhook;

import io.graphpresence.notify.NotificationUrlPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outbound calls are bounded end to end, against loopback endpoints that misbehave on
 * purpose: one that sends an endless body, one that drips a byte a second, one that never
 * answers. Each is cut off (its connection closed by us) and reads as a failure; and the
 * client connects to the address the URL policy checked, not to a second resolution.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against hanging on a regression, not a measurement
class WebhookClientLimitsTest {

    /** One connection's worth of misbehaviour; the server notes when the client hung up. */
    private interface Behaviour {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    private ServerSocket server;
    private final CountDownLatch clientHungUp = new CountDownLatch(1);
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicReference<String> requestHead = new AtomicReference<>();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private String serve(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                requestHead.set(head(in));
                behaviour.serve(in, socket.getOutputStream());
            } catch (IOException hungUp) {
                // writing to, or reading from, a connection the client closed
            } finally {
                clientHungUp.countDown();
            }
        }, "misbehaving-endpoint");
        thread.setDaemon(true);
        thread.start();
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private void endless(OutputStream out) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            out.write(chunk);
            bytesSent.addAndGet(chunk.length);
        }
    }

    @Test
    void anEndlessBodyIsCutOffAfterABoundedRead() throws Exception {
        String url = serve((in, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            endless(out);
        });
        assertFalse(new WebhookClient(true).validates(url, "notificationUrl"));
        assertTrue(clientHungUp.await(30, TimeUnit.SECONDS), "the client closed the connection");
        // what the endpoint managed to write: our 64 KiB cap plus what socket buffers hold
        assertTrue(bytesSent.get() < 64L * 1024 * 1024, "sent " + bytesSent.get() + " bytes before being cut off");
    }

    @Test
    void aHugeContentLengthIsRefusedWithoutReadingIt() throws Exception {
        String url = serve((in, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1073741824\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            endless(out);
        });
        assertFalse(new WebhookClient(true).validates(url, "notificationUrl"));
        assertTrue(clientHungUp.await(30, TimeUnit.SECONDS));
        assertTrue(bytesSent.get() < 64L * 1024 * 1024, "sent " + bytesSent.get() + " bytes before being cut off");
    }

    @Test
    void aDripIsCutOffAtTheHandshakeDeadline() throws Exception {
        AtomicInteger dripped = new AtomicInteger();
        String url = serve((in, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // far longer than a handshake may take: a byte a second for a minute
            for (int i = 0; i < 60; i++) {
                out.write('x');
                out.flush();
                dripped.incrementAndGet();
                sleepASecond();
            }
        });
        assertFalse(new WebhookClient(true).validates(url, "notificationUrl"));
        assertTrue(clientHungUp.await(5, TimeUnit.SECONDS), "the client hung up");
        assertTrue(dripped.get() < 60, "cut off before the drip ended, after " + dripped.get() + " bytes");
    }

    private static void sleepASecond() throws IOException {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void aPostThatNeverGetsAnAnswerEndsWithItsConnectionClosed() throws Exception {
        String url = serve((in, out) -> {
            // reads the request, then waits for ever; -1 means the client hung up
            while (in.read() >= 0) {
                // keep reading
            }
            throw new IOException("client hung up");
        });
        CompletableFuture<Boolean> delivered = new WebhookClient(true)
                .post(url, "{}".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(300));
        assertFalse(delivered.join());
        // the connection is closed by the time the future completes, not some time later
        assertTrue(clientHungUp.await(5, TimeUnit.SECONDS), "the request was cancelled, not abandoned");
    }

    @Test
    void theClientConnectsToTheAddressThatWasCheckedAndKeepsTheHostName() throws Exception {
        String url = serve((in, out) -> {
            byte[] body = in.readNBytes(2);
            out.write(("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        int port = server.getLocalPort();
        AtomicInteger resolutions = new AtomicInteger();
        // a rebinding name: loopback when checked, somewhere else ever after
        NotificationUrlPolicy rebinding = new NotificationUrlPolicy(true, host -> {
            if (!host.equals("rebind.example")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[]{InetAddress.getByName(resolutions.getAndIncrement() == 0 ? "127.0.0.1" : "10.0.0.1")};
        });
        boolean delivered = new WebhookClient(rebinding)
                .post("http://rebind.example:" + port + "/hook", "{}".getBytes(StandardCharsets.UTF_8)).join();
        assertTrue(delivered, "delivered to the checked address");
        assertEquals(1, resolutions.get(), "the name was resolved once");
        assertTrue(requestHead.get().contains("\r\nHost: rebind.example:" + port + "\r\n"), requestHead.get());
    }
}
