package io.graphpresence.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local stack is safe on a developer's laptop: run as users run it (its own process, so
 * the HTTP server's settings are the runner's), probed over real loopback HTTP. Oversized
 * bodies and headers get Graph errors before anything is buffered, stalled uploads do not
 * hold up other requests, clock moves are bounded, and SIGTERM lets requests under way finish.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a guard against hanging on a regression, not a measurement
class LocalStackExposureTest {

    private static final Pattern LISTENING = Pattern.compile("^Presence API listening on http://127\\.0\\.0\\.1:(\\d+)$",
            Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    @TempDir
    static Path dir;
    private static Process process;
    private static int port;

    @BeforeAll
    static void startTheRunner() throws Exception {
        process = runner(dir.resolve("stdout.txt"));
        port = portOf(process, dir.resolve("stdout.txt"));
    }

    private static Process runner(Path output) throws IOException {
        return new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dsqlite4java.library.path=" + System.getProperty("sqlite4java.library.path"),
                LocalStackMain.class.getName(), "--port", "0", "--in-memory"))
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int portOf(Process process, Path output) throws Exception {
        while (process.isAlive()) {
            Matcher match = LISTENING.matcher(Files.readString(output));
            if (match.find()) {
                return Integer.parseInt(match.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The runner stopped before listening:\n" + Files.readString(output));
    }

    @AfterAll
    static void stop() {
        process.destroyForcibly();
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token() throws Exception {
        String body = call("POST", "/_local/token", null, "{\"tenantId\":\"" + CONTOSO + "\",\"appId\":\"" + APP
                + "\",\"userId\":\"" + ADELE + "\"}").body();
        return body.replaceAll(".*\"access_token\":\"([^\"]*)\".*", "$1");
    }

    /** Writes raw bytes on a new connection and returns the status line of the answer. */
    private static String rawStatusLine(byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return statusLine(socket.getInputStream());
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().trim();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aHugeDeclaredBodyIsRefusedWith413BeforeItIsRead() throws Exception {
        // an unauthenticated 700 MB POST: only its headers are ever sent
        String status = rawStatusLine(ascii("POST /v1.0/me/presence/setPresence HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 734003200\r\n\r\n"));
        assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
    }

    @Test
    void aChunkedBodyBeyondTheLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_local/token"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        new byte[RequestLimits.MAX_BODY_BYTES + 10]))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode());
        assertTrue(answer.body().contains("\"code\":\"RequestEntityTooLarge\""), answer.body());
    }

    @Test
    void aOneMegabyteAuthorizationHeaderGets431NotAReset() throws Exception {
        String status = rawStatusLine(ascii("GET /v1.0/me/presence HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + "a".repeat(1_000_000) + "\r\n\r\n"));
        assertTrue(status.startsWith("HTTP/1.1 431"), status);
    }

    @Test
    void thirtyTwoStalledUploadsDoNotBlockOtherRequests() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.getOutputStream().write(ascii("POST /_local/token HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"tenantId\""));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            HttpResponse<String> clock = call("GET", "/_local/clock", null, null);
            assertEquals(200, clock.statusCode(), "answered while 32 uploads stall");
            assertEquals(200, call("GET", "/v1.0/me/presence", token(), null).statusCode());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void clockMovesAreBoundedAndTheStackKeepsWorking() throws Exception {
        for (String absurd : List.of("P367D", "PT8785H", "P100000000D", "PT9999999999999999H", "PT-1S")) {
            HttpResponse<String> moved = call("POST", "/_local/clock", null, "{\"advance\":\"" + absurd + "\"}");
            assertEquals(400, moved.statusCode(), absurd + ": " + moved.body());
            assertTrue(moved.body().contains("\"error\""), moved.body());
        }
        assertEquals(200, call("POST", "/_local/clock", null, "{\"advance\":\"P366D\"}").statusCode());
        assertEquals(200, call("GET", "/_local/clock", null, null).statusCode());
        assertEquals(200, call("GET", "/v1.0/me/presence", token(), null).statusCode(), "every endpoint still answers");
        assertEquals(400, call("POST", "/_local/token", null, "{\"tenantId\":\"" + CONTOSO + "\",\"appId\":\"" + APP
                + "\",\"expiresIn\":9223372036854775807}").statusCode());
    }

    @Test
    void dynamoDbLocalListensOnLoopbackOnly() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no network address to try");
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.start(null)) {
            int dynamoPort = URI.create(dynamo.endpoint()).getPort();
            try (Socket viaLoopback = new Socket(InetAddress.getLoopbackAddress(), dynamoPort)) {
                assertTrue(viaLoopback.isConnected());
            }
            assertThrows(ConnectException.class, () -> {
                try (Socket viaNetwork = new Socket()) {
                    viaNetwork.connect(new InetSocketAddress(external.get(), dynamoPort), 5_000);
                }
            });
        }
    }

    @Test
    void sigtermLetsARequestUnderWayFinish() throws Exception {
        Path output = dir.resolve("stopping.txt");
        Process stopping = runner(output);
        try {
            int stoppingPort = portOf(stopping, output);
            HttpResponse<String> minted = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + stoppingPort + "/_local/token")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"tenantId\":\"" + CONTOSO + "\",\"appId\":\"" + APP + "\",\"userId\":\"" + ADELE + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = minted.body().replaceAll(".*\"access_token\":\"([^\"]*)\".*", "$1");
            byte[] body = ascii("{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\"}");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stoppingPort)) {
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                out.write(ascii("POST /v1.0/me/presence/setPresence HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"));
                out.write(body, 0, 10);
                out.flush();
                stopping.destroy();
                awaitRefusingConnections(stoppingPort);
                out.write(body, 10, body.length - 10);
                out.flush();
                assertEquals("HTTP/1.1 200 OK", statusLine(socket.getInputStream()), "answered though stopping");
            }
            assertTrue(stopping.waitFor(60, TimeUnit.SECONDS), "stops on SIGTERM");
            assertEquals(143, stopping.exitValue());
        } finally {
            stopping.destroyForcibly();
        }
    }

    /** Waits until the stack takes no new connection: its stop has begun. */
    private static void awaitRefusingConnections(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread.sleep(50);
            } catch (ConnectException refused) {
                return;
            }
        }
        throw new AssertionError("the stack never stopped taking connections");
    }
}
