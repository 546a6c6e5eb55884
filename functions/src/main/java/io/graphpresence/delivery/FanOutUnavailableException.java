package io.graphpresence.delivery;

/** The fan-out queue took not every batch of a change: the change is to be queued again. */
public class FanOutUnavailableException extends RuntimeException {

    public FanOutUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
