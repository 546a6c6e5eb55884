package io.graphpresence.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachableImpl;

/**
 * The one appender on the root logger: a line written during a request goes to that
 * request's {@link RequestLines}, to be written when the request ends with its closing fields;
 * any other line (start-up, background threads) is written at once. Writing is left to the
 * appenders attached here (standard output, and the local stack's file).
 */
final class RequestLinesAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final AppenderAttachableImpl<ILoggingEvent> writers = new AppenderAttachableImpl<>();

    void addWriter(Appender<ILoggingEvent> writer) {
        writers.addAppender(writer);
    }

    void removeWriter(Appender<ILoggingEvent> writer) {
        writers.detachAppender(writer);
    }

    @Override
    protected void append(ILoggingEvent line) {
        RequestLines request = RequestLines.current();
        if (request == null) {
            write(line);
        } else {
            request.add(line, this::write);
        }
    }

    private void write(ILoggingEvent line) {
        writers.appendLoopOnAppenders(line);
    }
}
