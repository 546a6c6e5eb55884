package io.graphpresence.access;

/** A valid caller asking for something it may not do: 403 Forbidden. */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
