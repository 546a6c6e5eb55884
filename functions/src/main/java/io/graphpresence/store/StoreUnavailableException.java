package io.graphpresence.store;

/** The table could not be reached or throttled us; nothing was written. The caller may retry. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
