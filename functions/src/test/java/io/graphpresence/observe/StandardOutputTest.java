package io.graphpresence.observe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request's closing lines reach standard output in one write, its metrics line first as
 * before; what is written outside a request goes out at once.
 */
class StandardOutputTest {

    private final List<String> writes = new ArrayList<>();
    private final Metrics metrics = new Metrics();
    private final String requestId = "request-" + UUID.randomUUID();
    private PrintStream original;

    @BeforeEach
    void recordEachWrite() {
        original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        }, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    @Test
    void aRequestsMetricsLineAndClosingLineGoOutInOneWrite() {
        try (RequestLog log = RequestLog.start("Op", requestId, null)) {
            log.finished(200);
            metrics.emit(MetricLine.of().dimension("Operation", "Op").count("Requests", 1));
            assertEquals(List.of(), ours(), "held until the request ends");
        }
        List<String> ours = ours();
        assertEquals(1, ours.size(), ours::toString);
        String[] lines = ours.get(0).split(System.lineSeparator());
        assertEquals(2, lines.length, ours::toString);
        assertTrue(lines[0].startsWith("{\"_aws\":"), lines[0]);
        assertTrue(lines[1].contains("\"formattedMessage\":\"request finished\""), lines[1]);
        assertTrue(ours.get(0).endsWith(System.lineSeparator()), "whole lines only");
    }

    @Test
    void outsideARequestAMetricsLineIsWrittenAtOnceInOneWrite() {
        metrics.emit(MetricLine.of().dimension("Operation", requestId).count("Requests", 1));
        List<String> ours = ours();
        assertEquals(1, ours.size(), ours::toString);
        assertEquals(1, ours.get(0).split(System.lineSeparator()).length);
    }

    /** The writes that belong to this test's request (other tests' threads may write too). */
    private List<String> ours() {
        return writes.stream().filter(w -> w.contains(requestId)).toList();
    }
}
