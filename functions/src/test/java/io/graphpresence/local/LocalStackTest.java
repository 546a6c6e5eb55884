package io.graphpresence.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local stack as its users meet it: a process, over HTTP, stopped and started again. */
class LocalStackTest {

    private static final Pattern LISTENING = Pattern.compile("^Presence API listening on (http://127\\.0\\.0\\.1:\\d+)$", Pattern.MULTILINE);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(120)
    void theRunnerPrintsTheDirectoryAndListensLastWithLibraryOutputInItsLogAndStopsOnSigterm(@TempDir Path data) throws Exception {
        Path output = data.resolve("stdout.txt");
        Path errors = data.resolve("stderr.txt");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dsqlite4java.library.path=" + System.getProperty("sqlite4java.library.path"),
                LocalStackMain.class.getName(), "--port", "0", "--data", data.resolve("db").toString()))
                .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        try {
            String base = awaitListening(output, process);
            HttpResponse<String> clock = http.send(HttpRequest.newBuilder(URI.create(base + "/_local/clock")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, clock.statusCode());
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
            assertEquals(143, process.exitValue(), "ended by SIGTERM, after its shutdown hook");
            String printed = Files.readString(output);
            assertEquals(1, LISTENING.matcher(printed).results().count(), "exactly one listening line");
            List<String> lines = printed.lines().toList();
            assertTrue(LISTENING.matcher(lines.get(lines.size() - 1)).matches(), "the listening line is last:\n" + printed);
            assertEquals("Directory:", lines.get(0), printed);
            assertTrue(lines.contains("Library output: " + data.resolve("db").resolve("presence-local.log")), printed);
            assertEquals("", Files.readString(errors), "nothing on standard error");
            assertTrue(Files.readString(data.resolve("db").resolve("presence-local.log"))
                    .contains("Initializing DynamoDB Local"), "DynamoDB Local's banner goes to the log");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String awaitListening(Path output, Process process) throws Exception {
        while (process.isAlive()) {
            Matcher match = LISTENING.matcher(Files.readString(output));
            if (match.find()) {
                return match.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The runner stopped before listening:\n" + Files.readString(output));
    }

    @Test
    void aRestartWithDataKeepsSessionsAndTheClock(@TempDir Path data) throws Exception {
        Instant moved;
        try (LocalStack first = LocalStack.start(new LocalStack.Options(0, data, null))) {
            String token = first.tokens().mint(CONTOSO, APP, ADELE, null, null, java.time.Duration.ofDays(1));
            assertEquals(200, post(first, "/v1.0/me/presence/setPresence", token, "{\"sessionId\":\"" + APP
                    + "\",\"availability\":\"Busy\",\"activity\":\"InACall\",\"expirationDuration\":\"PT4H\"}"));
            assertEquals(200, post(first, "/_local/clock", null, "{\"advance\":\"PT1H\"}"));
            moved = first.clock().instant();
        }
        try (LocalStack second = LocalStack.start(new LocalStack.Options(0, data, null))) {
            assertTrue(!second.clock().instant().isBefore(moved), "the clock never goes back");
            assertTrue(second.seedDescription().isEmpty(), "an existing directory is not seeded again");
            String token = second.tokens().mint(CONTOSO, APP, ADELE, null, null, java.time.Duration.ofHours(1));
            HttpResponse<String> presence = http.send(HttpRequest.newBuilder(
                            URI.create(second.baseUrl() + "/v1.0/me/presence"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, presence.statusCode(), presence::body);
            assertTrue(presence.body().contains("\"availability\":\"Busy\",\"activity\":\"InACall\""), presence::body);
        }
    }

    private int post(LocalStack stack, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
