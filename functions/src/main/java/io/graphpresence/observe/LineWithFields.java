package io.graphpresence.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A log line as written, with fields added to its logging context (its "mdc"): the event
 * itself is left as it is, since logback lets its context be set only once.
 */
final class LineWithFields implements ILoggingEvent {

    private final ILoggingEvent line;
    private final Map<String, String> context;

    private LineWithFields(ILoggingEvent line, Map<String, String> context) {
        this.line = line;
        this.context = context;
    }

    /** {@code line} with {@code fields} in its logging context (a field it already has is replaced). */
    static ILoggingEvent of(ILoggingEvent line, Map<String, String> fields) {
        Map<String, String> context = new HashMap<>(line.getMDCPropertyMap());
        context.putAll(fields);
        return new LineWithFields(line, context);
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        return context;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
        return context;
    }

    @Override
    public String getThreadName() {
        return line.getThreadName();
    }

    @Override
    public Level getLevel() {
        return line.getLevel();
    }

    @Override
    public String getMessage() {
        return line.getMessage();
    }

    @Override
    public Object[] getArgumentArray() {
        return line.getArgumentArray();
    }

    @Override
    public String getFormattedMessage() {
        return line.getFormattedMessage();
    }

    @Override
    public String getLoggerName() {
        return line.getLoggerName();
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return line.getLoggerContextVO();
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return line.getThrowableProxy();
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return line.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
        return line.hasCallerData();
    }

    @Override
    public List<Marker> getMarkerList() {
        return line.getMarkerList();
    }

    @Override
    public long getTimeStamp() {
        return line.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
        return line.getNanoseconds();
    }

    @Override
    public Instant getInstant() {
        return line.getInstant();
    }

    @Override
    public long getSequenceNumber() {
        return line.getSequenceNumber();
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        return line.getKeyValuePairs();
    }

    @Override
    public void prepareForDeferredProcessing() {
        line.prepareForDeferredProcessing();
    }
}
