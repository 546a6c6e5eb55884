package io.graphpresence.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.nio.file.Path;

/**
 * Logging as one JSON object a line on standard output, which Lambda sends to CloudWatch Logs:
 * logback's own JSON encoder, set up in code (found through the service loader) rather than
 * from an XML file, so a cold start parses no configuration. Each line has the time, level,
 * logger, message and the request's fields (under "mdc", see {@link RequestLog}). A request's
 * lines are held until it ends, so each carries its closing fields ({@link RequestLines}).
 */
public final class JsonLogConfigurator extends ContextAwareBase implements Configurator {

    private static final String REQUEST_LINES = "request-lines";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        context.getLogger("io.micronaut").setLevel(Level.WARN);
        // standard output through StandardOutput, which writes a request's closing lines in one call
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        console.setName("json-console");
        console.setOutputStream(StandardOutput.STREAM);
        start(context, console, encoder(context));
        RequestLinesAppender requests = new RequestLinesAppender();
        requests.setName(REQUEST_LINES);
        requests.setContext(context);
        requests.addWriter(console);
        requests.start();
        root.addAppender(requests);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Also writes every line to {@code file} (appending), as the local stack does in its data
     * folder. @return the appender, to stop when the file is no longer wanted
     */
    public static OutputStreamAppender<ILoggingEvent> alsoWriteTo(Path file) {
        return alsoWriteTo(logback(file), file, true);
    }

    /** Also writes every line to {@code file}, once this configurator has set up {@code context}. */
    static OutputStreamAppender<ILoggingEvent> alsoWriteTo(LoggerContext context, Path file, boolean append) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setName("json-file-" + file);
        appender.setFile(file.toString());
        appender.setAppend(append);
        start(context, appender, encoder(context));
        requestLines(context, file).addWriter(appender);
        return appender;
    }

    /** Stops writing to a file {@link #alsoWriteTo} opened. */
    public static void stopWriting(OutputStreamAppender<ILoggingEvent> appender) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(REQUEST_LINES)
                instanceof RequestLinesAppender requests) {
            requests.removeWriter(appender);
        }
        appender.stop();
    }

    private static LoggerContext logback(Path file) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            return context;
        }
        throw new IllegalStateException("logging is not logback's; cannot write " + file);
    }

    private static RequestLinesAppender requestLines(LoggerContext context, Path file) {
        if (context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(REQUEST_LINES) instanceof RequestLinesAppender requests) {
            return requests;
        }
        throw new IllegalStateException("logging was not set up by " + JsonLogConfigurator.class.getSimpleName()
                + "; cannot write " + file);
    }

    private static JsonEncoder encoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        // what an operator reads: no sequence numbers, nanoseconds, logback context or raw arguments
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static void start(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender,
                              JsonEncoder encoder) {
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
    }
}
