package io.graphpresence.notify;

/** The application already has as many subscriptions as it may; nothing was written. */
public class QuotaExceededException extends RuntimeException {

    public QuotaExceededException(String message) {
        super(message);
    }
}
