package io.graphpresence.observe;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Standard output, where Lambda reads the log and metrics lines for CloudWatch Logs. Each
 * write to it is a system call on a pipe, so what a request writes at its end (its metrics
 * line and its held log lines) is gathered and written in one call: Lambda splits what it
 * reads at line ends, so each line is still a log event of its own. Lines are written whole.
 * {@code System.out} is looked up at every write, since tests and the runtime replace it.
 */
final class StandardOutput {

    private static final ThreadLocal<Gathered> GATHERING = new ThreadLocal<>();

    /** What one thread is gathering; written from its own buffer, without a copy. */
    private static final class Gathered extends ByteArrayOutputStream {
        Gathered() {
            super(2048);
        }

        void writeNow() {
            StandardOutput.writeNow(buf, 0, count);
        }
    }

    /** Standard output as logback's appenders write to it: line by line, or into what is being gathered. */
    static final OutputStream STREAM = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            StandardOutput.write(bytes, offset, length);
        }

        // every write is flushed (or gathered) already; standard output itself is never closed here
        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private StandardOutput() {
    }

    /** Writes whole lines now, or adds them to what this thread is gathering. */
    static void write(byte[] bytes, int offset, int length) {
        Gathered gathered = GATHERING.get();
        if (gathered != null) {
            gathered.write(bytes, offset, length);
        } else {
            writeNow(bytes, offset, length);
        }
    }

    /**
     * Holds what this thread writes until {@link #writeGathered}.
     *
     * @return false when the thread was gathering already: whoever started it writes it
     */
    static boolean startGathering() {
        if (GATHERING.get() != null) {
            return false;
        }
        GATHERING.set(new Gathered());
        return true;
    }

    /** Writes what this thread gathered, in one call, and stops gathering. */
    static void writeGathered() {
        Gathered gathered = GATHERING.get();
        if (gathered == null) {
            return;
        }
        GATHERING.set(null);
        if (gathered.size() > 0) {
            gathered.writeNow();
        }
    }

    private static void writeNow(byte[] bytes, int offset, int length) {
        PrintStream out = System.out;
        out.write(bytes, offset, length);
        out.flush();
    }
}
