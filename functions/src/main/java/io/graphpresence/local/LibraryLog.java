package io.graphpresence.local;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the terminal for what a person needs. Everything the libraries print (DynamoDB Local's
 * banner, Jetty, sqlite4java, the AWS SDK, logback, java.util.logging) writes to
 * System.out or System.err, so both are pointed at a log file before anything starts; the
 * runner writes its own lines to the streams it had at first.
 */
final class LibraryLog {

    static final String FILE_NAME = "presence-local.log";

    private final Path file;
    private final PrintStream console;
    private final PrintStream errors;

    private LibraryLog(Path file, PrintStream console, PrintStream errors) {
        this.file = file;
        this.console = console;
        this.errors = errors;
    }

    /** The log in the data directory, or in a temporary file when nothing is kept. */
    static LibraryLog open(Path dataDirectory) throws IOException {
        Path file = fileIn(dataDirectory, FILE_NAME);
        PrintStream log = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
        LibraryLog libraryLog = new LibraryLog(file.toAbsolutePath(), System.out, System.err);
        System.setOut(log);
        System.setErr(log);
        return libraryLog;
    }

    /** The named file in the data directory (made if missing), or a new temporary file when nothing is kept. */
    static Path fileIn(Path dataDirectory, String name) throws IOException {
        if (dataDirectory == null) {
            int dot = name.lastIndexOf('.');
            return Files.createTempFile(name.substring(0, dot) + "-", name.substring(dot));
        }
        Files.createDirectories(dataDirectory);
        return dataDirectory.resolve(name);
    }

    Path file() {
        return file;
    }

    /** The terminal's standard output. */
    PrintStream console() {
        return console;
    }

    /** The terminal's standard error. */
    PrintStream errors() {
        return errors;
    }
}
