package io.graphpresence.calendar;

/**
 * A bus event that can never be applied, however often it is delivered: wrong source or
 * detail-type, a missing or ill-formed field. Dropped and logged; any other failure is a bug
 * or an outage and goes back to EventBridge's retries and the dead-letter queue.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
