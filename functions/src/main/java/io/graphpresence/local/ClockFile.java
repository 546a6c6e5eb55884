package io.graphpresence.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Keeps the dev clock's moment in the data directory, so that a restart never takes time
 * back: sessions set after a clock move must not look as if they had not started yet.
 */
final class ClockFile {

    private final Path file;

    ClockFile(Path dataDir) {
        this.file = dataDir.resolve("dev-clock.txt");
    }

    /** Moves {@code clock} up to the moment saved by an earlier run, if any. */
    void restore(DevClock clock) throws IOException {
        if (Files.exists(file)) {
            clock.advanceTo(Instant.parse(Files.readString(file).trim()));
        }
    }

    void save(Instant now) {
        try {
            Files.writeString(file, now.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the dev clock", e);
        }
    }
}
