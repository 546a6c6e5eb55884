package io.graphpresence.local;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.graphpresence.observe.JsonLogConfigurator;
import io.graphpresence.observe.RequestLog;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JSON log lines the functions write, as in CloudWatch Logs, kept in a file of the data
 * folder (a temporary file when nothing is kept), and read back one request at a time for
 * {@code GET /_local/logs?requestId=...}. Every stack in one process writes every line.
 */
final class LocalLogs implements AutoCloseable {

    static final String FILE_NAME = "presence-requests.jsonl";

    private final Path file;
    private final OutputStreamAppender<ILoggingEvent> appender;

    private LocalLogs(Path file, OutputStreamAppender<ILoggingEvent> appender) {
        this.file = file;
        this.appender = appender;
    }

    static LocalLogs open(Path dataDirectory) throws IOException {
        Path file = LibraryLog.fileIn(dataDirectory, FILE_NAME);
        if (dataDirectory == null) {
            // each in-memory stack (many in one test run) has its own; none outlives the process
            file.toFile().deleteOnExit();
        }
        return new LocalLogs(file, JsonLogConfigurator.alsoWriteTo(file));
    }

    Path file() {
        return file;
    }

    /** Every line of the request with this Graph request-id, in the order written. */
    List<Map<String, Object>> linesOf(String requestId, JsonMapper json) {
        List<Map<String, Object>> found = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            // a cheap look before parsing: most lines are other requests'
            lines.filter(line -> line.contains(requestId)).forEach(line -> {
                Map<String, Object> parsed = parse(line, json);
                if (parsed != null && parsed.get("mdc") instanceof Map<?, ?> mdc
                        && requestId.equals(mdc.get(RequestLog.REQUEST_ID))) {
                    found.add(parsed);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line, JsonMapper json) {
        try {
            return json.readValue(line, Map.class);
        } catch (IOException | RuntimeException torn) {
            // a line being written as we read is skipped, not an error
            return null;
        }
    }

    @Override
    public void close() {
        JsonLogConfigurator.stopWriting(appender);
    }
}
