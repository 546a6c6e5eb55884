package io.graphpresence.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every line a request writes carries its status, latency and DynamoDB use, known only when
 * it ends: the lines wait for the end, within bounds, and none is lost when the request throws.
 */
class RequestLinesTest {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLinesTest.class);

    private final JsonMapper json = JsonMapper.createDefault();
    private final String requestId = "request-" + UUID.randomUUID();
    private Path file;
    private OutputStreamAppender<ILoggingEvent> appender;

    @BeforeEach
    void writeLinesTo(@TempDir Path folder) {
        file = folder.resolve("lines.jsonl");
        appender = JsonLogConfigurator.alsoWriteTo(file);
    }

    @AfterEach
    void stopWriting() {
        JsonLogConfigurator.stopWriting(appender);
    }

    @Test
    void everyLineOfARequestCarriesItsClosingFieldsWrittenWhenItEnds() throws IOException {
        try (RequestLog log = RequestLog.start("Op", requestId, "client-1")) {
            LOG.info("before the caller is known");
            log.caller("tenant-1", "app-1");
            LOG.warn("a second line");
            assertTrue(linesOf(requestId).isEmpty(), "held until the request ends");
            log.finished(201);
        }
        List<Map<String, Object>> lines = linesOf(requestId);
        assertEquals(List.of("before the caller is known", "a second line", "request finished"), messages(lines));
        for (Map<String, Object> line : lines) {
            assertClosingFields(line, "201");
            assertEquals("client-1", mdc(line).get(RequestLog.CLIENT_REQUEST_ID));
            assertFalse(mdc(line).containsKey(RequestLines.WRITTEN_BEFORE_END), line::toString);
        }
        assertEquals("tenant-1", mdc(lines.get(1)).get(RequestLog.TENANT_ID), "each line keeps its own context");
        assertFalse(mdc(lines.get(0)).containsKey(RequestLog.TENANT_ID), "each line keeps its own context");
    }

    @Test
    void aHugeClientRequestIdIsCutToItsStartOnEveryLine() throws IOException {
        String sent = "c".repeat(10_000);
        try (RequestLog log = RequestLog.start("Op", requestId, sent)) {
            LOG.info("one line");
            log.finished(400);
        }
        List<Map<String, Object>> lines = linesOf(requestId);
        assertEquals(2, lines.size());
        for (Map<String, Object> line : lines) {
            assertEquals("c".repeat(RequestLog.MAX_CLIENT_REQUEST_ID_CHARS) + "...(+"
                    + (10_000 - RequestLog.MAX_CLIENT_REQUEST_ID_CHARS) + " chars)", mdc(line).get(RequestLog.CLIENT_REQUEST_ID));
        }
    }

    @Test
    void aRequestThatThrowsStillWritesEveryLineWithAnErrorStatus() throws IOException {
        assertThrows(IllegalStateException.class, () -> {
            try (RequestLog ignored = RequestLog.start("Op", requestId, null)) {
                LOG.info("about to fail");
                throw new IllegalStateException("boom");
            }
        });
        List<Map<String, Object>> lines = linesOf(requestId);
        assertEquals(List.of("about to fail", "request ended without an answer"), messages(lines));
        lines.forEach(line -> assertClosingFields(line, RequestLog.NO_ANSWER));
    }

    @Test
    void pastTheBoundTheLinesHeldAreWrittenEarlyAndMarkedSo() throws IOException {
        try (RequestLog log = RequestLog.start("Op", requestId, null)) {
            for (int i = 0; i < RequestLines.MAX_LINES + 1; i++) {
                LOG.info("line {}", i);
            }
            List<Map<String, Object>> early = linesOf(requestId);
            assertEquals(RequestLines.MAX_LINES, early.size(), "the first lines are out before the end");
            for (Map<String, Object> line : early) {
                assertClosingFields(line, RequestLines.PENDING);
                assertEquals("true", mdc(line).get(RequestLines.WRITTEN_BEFORE_END), line::toString);
            }
            log.finished(200);
        }
        List<Map<String, Object>> rest = linesOf(requestId).subList(RequestLines.MAX_LINES, RequestLines.MAX_LINES + 2);
        assertEquals(List.of("line " + RequestLines.MAX_LINES, "request finished"), messages(rest));
        rest.forEach(line -> assertClosingFields(line, "200"));
    }

    @Test
    void longMessagesAreWrittenEarlyBeforeTheLineCountIsReached() throws IOException {
        String big = "x".repeat(RequestLines.MAX_CHARS / 2);
        try (RequestLog log = RequestLog.start("Op", requestId, null)) {
            LOG.info("{}", big);
            assertTrue(linesOf(requestId).isEmpty());
            LOG.info("{}", big);
            assertEquals(2, linesOf(requestId).size(), "half the bound twice reaches it");
            log.finished(200);
        }
        assertEquals(3, linesOf(requestId).size());
    }

    @Test
    void aLineWorkOnAnotherThreadLogsAfterTheEndCarriesTheClosingFields() throws Exception {
        Supplier<String> late;
        try (RequestLog log = RequestLog.start("Op", requestId, null)) {
            late = RequestLog.carried(() -> {
                LOG.info("a webhook's late answer");
                return "done";
            });
            log.finished(202);
        }
        assertEquals("done", CompletableFuture.supplyAsync(late).get());
        List<Map<String, Object>> lines = linesOf(requestId);
        assertEquals(List.of("request finished", "a webhook's late answer"), messages(lines));
        lines.forEach(line -> assertClosingFields(line, "202"));
        assertFalse(lines.get(1).get("threadName").equals(lines.get(0).get("threadName")), "another thread's line");
    }

    @Test
    void anInnerRequestsLinesCarryItsOwnStatusAndTheOuterOnesTheirs() throws IOException {
        String innerId = requestId + "-inner";
        try (RequestLog outer = RequestLog.start("Batch", requestId, null)) {
            LOG.info("outer before");
            try (RequestLog inner = RequestLog.start("Get", innerId, null)) {
                LOG.info("inner");
                inner.finished(404);
            }
            LOG.info("outer after");
            outer.finished(200);
        }
        linesOf(innerId).forEach(line -> assertClosingFields(line, "404"));
        List<Map<String, Object>> outerLines = linesOf(requestId);
        assertEquals(List.of("outer before", "outer after", "request finished"), messages(outerLines));
        outerLines.forEach(line -> assertClosingFields(line, "200"));
    }

    @Test
    void aLineOutsideAnyRequestIsWrittenAtOnce() throws IOException {
        String marker = "no request " + UUID.randomUUID();
        LOG.info(marker);
        assertTrue(Files.readString(file).contains(marker));
    }

    private static void assertClosingFields(Map<String, Object> line, String status) {
        Map<?, ?> mdc = mdc(line);
        assertEquals(status, mdc.get(RequestLog.STATUS), line::toString);
        assertTrue(Long.parseLong((String) mdc.get(RequestLog.LATENCY_MS)) >= 0, line::toString);
        assertNotNull(mdc.get(RequestLog.DYNAMO_REQUESTS), line::toString);
        assertTrue(Double.parseDouble((String) mdc.get(RequestLog.DYNAMO_CAPACITY)) >= 0, line::toString);
    }

    private static Map<?, ?> mdc(Map<String, Object> line) {
        return (Map<?, ?>) line.get("mdc");
    }

    private static List<String> messages(List<Map<String, Object>> lines) {
        return lines.stream().map(line -> (String) line.get("formattedMessage")).toList();
    }

    private List<Map<String, Object>> linesOf(String id) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Map<String, Object> parsed = json.readValue(line, Argument.mapOf(String.class, Object.class));
            if (parsed.get("mdc") instanceof Map<?, ?> mdc && id.equals(mdc.get(RequestLog.REQUEST_ID))) {
                found.add(parsed);
            }
        }
        return found;
    }
}
