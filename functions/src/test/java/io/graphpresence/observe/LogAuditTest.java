package io.graphpresence.observe;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing secret in the logs of a whole test run: the pom runs this alone, after every other
 * test (its own execution, "log-audit"), over the log files the others of the same build wrote
 * ({@link TestRunLogConfigurator}). It first makes sure it read a run, not an empty or partial file:
 * lines from at least {@value #MIN_TEST_CLASSES} test classes, {@value #LINES_PER_CLASS} lines
 * for each at least (fewer classes with {@value #MIN_CLASSES_PROPERTY}, to check a part of the
 * run by hand).
 */
@Tag(LogAuditTest.TAG)
class LogAuditTest {

    static final String TAG = "log-audit";
    static final String MIN_CLASSES_PROPERTY = "presence.log-audit.min-test-classes";
    static final int LINES_PER_CLASS = 25;
    static final int MIN_TEST_CLASSES = 40;

    @Test
    void theLogsOfTheWholeTestRunHoldNoTokenCertificateMessageBodyClientStateOrUrlQuery() throws IOException {
        String directory = System.getProperty(TestRunLogConfigurator.DIRECTORY_PROPERTY);
        String run = System.getProperty(TestRunLogConfigurator.RUN_PROPERTY);
        assertNotNull(directory, "the pom names the test-log folder");
        assertNotNull(run, "the pom names the build's run");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = TestRunLogConfigurator.filesOf(Path.of(directory), run)) {
            found.forEach(files::add);
        }
        assertFalse(files.isEmpty(), "no log file of run " + run + " in " + directory);
        SecretScan scan = new SecretScan();
        for (Path file : files) {
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int number = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    scan.read(line, file.getFileName() + ":" + ++number);
                }
            }
        }
        int minClasses = Integer.getInteger(MIN_CLASSES_PROPERTY, MIN_TEST_CLASSES);
        assertTrue(scan.lines() >= (long) LINES_PER_CLASS * minClasses,
                "only " + scan.lines() + " lines in " + files + ": not a test run's logs");
        assertTrue(scan.testClasses().size() >= minClasses,
                "lines of only " + scan.testClasses().size() + " test classes: " + scan.testClasses());
        assertEquals(List.of(), scan.findings(), "logged what must never be logged");
    }
}
