package io.graphpresence.api;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walks docs/graph-paths.md: every presence path of Graph's metadata, under both versions, with each kind of token. */
class PresencePathsTest {

    private static final Path TABLE = Path.of("..", "docs", "graph-paths.md");
    private static final String NOT_APPLICABLE = "—";

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start(Map.of("presence.throttle.reads.limit", 100_000,
            "presence.throttle.writes.limit", 100_000));

    private record Row(String method, String path, String own, String other, String application) {
    }

    private static final Map<String, String> BODIES = Map.of(
            "setPresence", "{\"sessionId\":\"" + APP + "\",\"availability\":\"Available\",\"activity\":\"Available\","
                    + "\"expirationDuration\":\"PT1H\"}",
            "clearPresence", "{\"sessionId\":\"" + APP + "\"}",
            "setUserPreferredPresence", "{\"availability\":\"Busy\",\"activity\":\"Busy\"}",
            "setStatusMessage", "{\"statusMessage\":{\"message\":{\"content\":\"hi\",\"contentType\":\"text\"}}}",
            "setManualLocation", "{\"workLocationType\":\"office\"}",
            "setAutomaticLocation", "{\"workLocationType\":\"remote\"}",
            "getPresencesByUserId", "{\"ids\":[\"" + ADELE + "\",\"" + MEGAN + "\"]}");

    @Test
    void everyPathInTheTableAnswersAsItSays() throws IOException {
        List<Row> rows = rows();
        assertEquals(40, rows.size(), "every presence path of the metadata, /me forms included");
        String delegated = harness.userToken(CONTOSO, ADELE);
        String application = harness.appToken(CONTOSO, APP);
        List<String> wrong = new ArrayList<>();
        for (String version : List.of("v1.0", "beta")) {
            for (Row row : rows) {
                check(wrong, version, row, row.own(), delegated, ADELE, "a delegated token, own id");
                check(wrong, version, row, row.other(), delegated, MEGAN, "a delegated token, another user");
                check(wrong, version, row, row.application(), application, ADELE, "an application token");
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static void check(List<String> wrong, String version, Row row, String expected, String token, String id,
                              String who) {
        if (expected.equals(NOT_APPLICABLE)) {
            return;
        }
        String path = "/" + version + row.path().replace("{id}", id);
        String action = path.substring(path.lastIndexOf('/') + 1);
        if (action.equals("clearPresence")) {
            // a session to clear: the caller's own, made on the same path
            harness.post(path.replace("clearPresence", "setPresence"), token, BODIES.get("setPresence"));
        }
        Reply reply = harness.call(row.method(), path, token, BODIES.getOrDefault(action, "{}"));
        if (reply.status() != Integer.parseInt(expected)) {
            wrong.add(row.method() + " " + path + " with " + who + ": expected " + expected + ", got " + reply);
        }
        if (reply.status() >= 400) {
            assertTrue(reply.status() == 404 && reply.body().contains("\"message\"") || reply.errorCode() != null,
                    reply::toString);
        }
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE)) {
            String[] cells = line.split("\\|");
            if (cells.length < 6 || !cells[1].trim().matches("GET|POST|PATCH|DELETE")) {
                continue;
            }
            rows.add(new Row(cells[1].trim(), cells[2].trim().replace("`", ""), cells[3].trim(), cells[4].trim(),
                    cells[5].trim()));
        }
        return rows;
    }
}
