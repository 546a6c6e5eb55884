package io.graphpresence.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The last stream record handled per shard, kept in the data directory beside DynamoDB
 * Local's files (not in the table: a write there would itself become a stream record).
 */
final class StreamCheckpoint {

    private final Path file;
    private final Properties handled = new Properties();

    /** @param dataDir null keeps the checkpoint in memory only */
    StreamCheckpoint(Path dataDir) {
        this.file = dataDir == null ? null : dataDir.resolve("stream-checkpoint.properties");
        if (file != null && Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                handled.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    synchronized String lastHandled(String shardId) {
        return handled.getProperty(shardId);
    }

    synchronized void handled(String shardId, String sequenceNumber) {
        handled.setProperty(shardId, sequenceNumber);
        if (file == null) {
            return;
        }
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                handled.store(out, "the last stream record handled, per shard");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
