package io.graphpresence.observe;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tests' logging: the functions' own JSON lines ({@link JsonLogConfigurator}), and, when
 * the pom names them, every line also in a file of the test-log folder named after the build
 * and the surefire execution and fork ({@code <run>-<execution>-<fork>.jsonl}), which {@code LogAuditTest}
 * searches once every other test of the build has run. Files of earlier builds are deleted.
 * Ranked above the functions' configurator, which it stands in for.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class TestRunLogConfigurator extends ContextAwareBase implements Configurator {

    static final String DIRECTORY_PROPERTY = "presence.test.log-dir";
    /** The build's time stamp: every execution of one build shares it. */
    static final String RUN_PROPERTY = "presence.test.log-run";
    /** The surefire execution's name; none for the audit's own, which only reads. */
    static final String NAME_PROPERTY = "presence.test.log-name";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        JsonLogConfigurator functions = new JsonLogConfigurator();
        functions.setContext(context);
        ExecutionStatus status = functions.configure(context);
        String directory = System.getProperty(DIRECTORY_PROPERTY, "");
        String run = System.getProperty(RUN_PROPERTY, "");
        String name = System.getProperty(NAME_PROPERTY, "");
        if (!directory.isBlank() && !run.isBlank() && !name.isBlank()) {
            Path folder = Path.of(directory);
            forgetEarlierRuns(folder, run);
            JsonLogConfigurator.alsoWriteTo(context, folder.resolve(run + "-" + name + ".jsonl"), true);
        }
        return status;
    }

    /** The files of this build's run in {@code folder}. */
    static DirectoryStream<Path> filesOf(Path folder, String run) throws IOException {
        return Files.newDirectoryStream(folder, run + "-*.jsonl");
    }

    private static void forgetEarlierRuns(Path folder, String run) {
        try {
            Files.createDirectories(folder);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jsonl")) {
                for (Path file : files) {
                    if (!file.getFileName().toString().startsWith(run + "-")) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
