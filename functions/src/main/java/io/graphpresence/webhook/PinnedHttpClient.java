package io.graphpresence.webhook;

import io.graphpresence.notify.NotificationUrlPolicy.Destination;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 POST to an address that the URL policy checked, never to what the name
 * resolves to later (so DNS rebinding cannot slip past the check): the socket connects to
 * that IP, while TLS (SNI, certificate check) and {@code Host} keep the URL's host name. The
 * JDK's HttpClient resolves names itself, which is why this is not it.
 * <p>
 * Bounded end to end: one deadline covers connecting, the TLS handshake, sending, the
 * headers and the body (a watchdog closes the socket when it passes, so no drip can hold a
 * thread), and at most {@code maxAnswerBytes} of the answer are read.
 */
final class PinnedHttpClient {

    /** The status, lower-cased headers and body of an answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** The answer broke a limit or the protocol. */
    static final class AnswerRefusedException extends IOException {
        AnswerRefusedException(String message) {
            super(message);
        }
    }

    /** Where TLS sockets come from: the platform's (its trusted roots), or a test's. */
    interface TlsSockets {
        SSLSocketFactory factory() throws NoSuchAlgorithmException;
    }

    private final ScheduledExecutorService watchdog;
    private final TlsSockets tlsSockets;

    PinnedHttpClient(ScheduledExecutorService watchdog) {
        this(watchdog, () -> SSLContext.getDefault().getSocketFactory());
    }

    PinnedHttpClient(ScheduledExecutorService watchdog, TlsSockets tlsSockets) {
        this.watchdog = watchdog;
        this.tlsSockets = tlsSockets;
    }

    /** @param withBody whether the answer's body matters; when not, the exchange ends after the headers */
    Answer post(Destination destination, String contentType, byte[] body, Duration deadline, int maxAnswerBytes,
                boolean withBody) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        Socket socket = new Socket();
        ScheduledFuture<?> cut = watchdog.schedule(() -> closeQuietly(socket), deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            connect(socket, destination.addresses(), destination.port(), end);
            Socket channel = destination.isHttps() ? tls(socket, destination) : socket;
            channel.setSoTimeout(remainingMillis(end));
            OutputStream out = channel.getOutputStream();
            out.write(head(destination, contentType, body.length));
            out.write(body);
            out.flush();
            return AnswerReader.read(new BufferedInputStream(channel.getInputStream()), maxAnswerBytes, withBody);
        } catch (IOException e) {
            if (System.nanoTime() - end >= 0) {
                throw new AnswerRefusedException("no complete answer within " + deadline.toMillis() + " ms");
            }
            throw e;
        } finally {
            cut.cancel(false);
            closeQuietly(socket);
        }
    }

    /** The checked addresses in turn, each with what is left of the deadline. */
    private static void connect(Socket socket, List<InetAddress> addresses, int port, long end) throws IOException {
        if (addresses.isEmpty()) {
            throw new IOException("no address to connect to");
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            try {
                socket.connect(new InetSocketAddress(address, port), remainingMillis(end));
                return;
            } catch (IOException e) {
                last = e;
                if (socket.isClosed()) {
                    break;
                }
            }
        }
        throw last;
    }

    private SSLSocket tls(Socket connected, Destination destination) throws IOException {
        SSLSocket tls;
        try {
            tls = (SSLSocket) tlsSockets.factory()
                    .createSocket(connected, destination.host(), destination.port(), true);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("No TLS available", e);
        }
        SSLParameters parameters = tls.getSSLParameters();
        // the certificate must name the URL's host, though we connected to an address
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isAddressLiteral(destination.host())) {
            parameters.setServerNames(List.of(new SNIHostName(destination.host())));
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static byte[] head(Destination destination, String contentType, int length) {
        URI uri = destination.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        boolean defaultPort = uri.getPort() < 0;
        String head = "POST " + target + " HTTP/1.1\r\n"
                + "Host: " + destination.host() + (defaultPort ? "" : ":" + uri.getPort()) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + "User-Agent: graph-presence\r\n"
                + "Connection: close\r\n\r\n";
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isAddressLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static int remainingMillis(long end) throws AnswerRefusedException {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) {
            throw new AnswerRefusedException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    /** Reads an HTTP/1.1 answer: Content-Length, chunked, or up to the end of the stream. */
    static final class AnswerReader {

        private final InputStream in;
        private final int max;
        private int read;

        private AnswerReader(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        static Answer read(InputStream in, int maxBytes, boolean withBody) throws IOException {
            return new AnswerReader(in, maxBytes).answer(withBody);
        }

        private Answer answer(boolean withBody) throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new AnswerRefusedException("not an HTTP/1.x answer");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new AnswerRefusedException("no status code");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            return new Answer(status, headers, withBody ? body(headers) : new byte[0]);
        }

        private byte[] body(Map<String, String> headers) throws IOException {
            if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    body.write(bytes(size));
                    line();
                }
                return body.toByteArray();
            }
            String length = headers.get("content-length");
            if (length != null) {
                try {
                    return bytes(Math.toIntExact(Long.parseLong(length)));
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new AnswerRefusedException("bad Content-Length");
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int b = next(true); b >= 0; b = next(true)) {
                body.write(b);
            }
            return body.toByteArray();
        }

        private int chunkSize() throws IOException {
            String line = line();
            int semicolon = line.indexOf(';');
            try {
                return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new AnswerRefusedException("bad chunk size");
            }
        }

        private byte[] bytes(int count) throws IOException {
            if (count < 0 || count > max - read) {
                throw new AnswerRefusedException("answer larger than " + max + " bytes");
            }
            byte[] bytes = in.readNBytes(count);
            read += bytes.length;
            if (bytes.length < count) {
                throw new AnswerRefusedException("answer ended early");
            }
            return bytes;
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = next(false); b != '\n'; b = next(false)) {
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        /** The next byte; at the end, -1 if {@code endAllowed}, otherwise a refusal. */
        private int next(boolean endAllowed) throws IOException {
            if (read >= max) {
                throw new AnswerRefusedException("answer larger than " + max + " bytes");
            }
            int b = in.read();
            if (b < 0 && !endAllowed) {
                throw new AnswerRefusedException("answer ended early");
            }
            read++;
            return b;
        }
    }
}
