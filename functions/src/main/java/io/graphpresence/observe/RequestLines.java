package io.graphpresence.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The log lines of one request, held until it ends so that each can carry what is known only
 * then (status, latency, DynamoDB use): {@link RequestLinesAppender} hands them here, and
 * {@link #end} writes them with those fields added. Holding is bounded: past
 * {@value #MAX_LINES} lines or {@value #MAX_CHARS} characters of messages, the lines held are
 * written at once with the fields as they stand and {@value #WRITTEN_BEFORE_END} set, so a
 * chatty or stuck request costs little memory and its lines still come out. A line logged
 * after the end (a webhook's answer arriving late) is written at once with the closing fields.
 * <p>
 * Lambda killing an invocation (timeout, out of memory) loses what is held: Lambda's own
 * timeout line and the function's Errors metric remain.
 */
final class RequestLines {

    static final int MAX_LINES = 64;
    static final int MAX_CHARS = 32 * 1024;
    /** Marks lines written before their request ended: their status is {@value #PENDING}. */
    static final String WRITTEN_BEFORE_END = "writtenBeforeEnd";
    static final String PENDING = "pending";
    /** What a stack trace is counted as against {@link #MAX_CHARS}. */
    private static final int THROWABLE_CHARS = 4096;

    private static final ThreadLocal<RequestLines> CURRENT = new ThreadLocal<>();

    private final Supplier<Map<String, String>> fieldsSoFar;
    private final List<ILoggingEvent> held = new ArrayList<>(4);
    private int heldChars;
    private Consumer<ILoggingEvent> writer;
    private Map<String, String> closingFields;

    private RequestLines(Supplier<Map<String, String>> fieldsSoFar) {
        this.fieldsSoFar = fieldsSoFar;
    }

    /**
     * Starts holding this thread's lines for a request; {@code fieldsSoFar} gives a new map of
     * its latency and DynamoDB use at any time.
     */
    static RequestLines start(Supplier<Map<String, String>> fieldsSoFar) {
        RequestLines lines = new RequestLines(fieldsSoFar);
        CURRENT.set(lines);
        return lines;
    }

    /** The request whose lines this thread is writing, or null. */
    static RequestLines current() {
        return CURRENT.get();
    }

    /** Makes {@code lines} (or none) the request this thread writes for, as when carrying work to another thread. */
    static void makeCurrent(RequestLines lines) {
        if (lines == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(lines);
        }
    }

    /**
     * Holds a line until the request ends, or writes it now with the closing fields if it has.
     */
    synchronized void add(ILoggingEvent event, Consumer<ILoggingEvent> writer) {
        if (closingFields != null) {
            writer.accept(LineWithFields.of(event, closingFields));
            return;
        }
        this.writer = writer;
        // what is read lazily from the logging thread is fixed now: its name and logging context
        event.getThreadName();
        event.getMDCPropertyMap();
        String message = event.getFormattedMessage();
        held.add(event);
        heldChars += (message == null ? 0 : message.length())
                + (event.getThrowableProxy() == null ? 0 : THROWABLE_CHARS);
        if (held.size() >= MAX_LINES || heldChars >= MAX_CHARS) {
            Map<String, String> soFar = fieldsSoFar.get();
            soFar.put(RequestLog.STATUS, PENDING);
            soFar.put(WRITTEN_BEFORE_END, "true");
            writeHeld(soFar);
        }
    }

    /** The request has ended: writes what is held with {@code fields}, and any later line at once. */
    synchronized void end(Map<String, String> fields) {
        closingFields = fields;
        writeHeld(fields);
    }

    private void writeHeld(Map<String, String> fields) {
        for (ILoggingEvent line : held) {
            writer.accept(LineWithFields.of(line, fields));
        }
        held.clear();
        heldChars = 0;
    }
}
