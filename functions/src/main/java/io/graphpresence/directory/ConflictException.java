package io.graphpresence.directory;

/** A write that would take something that belongs to another tenant, or create what exists. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
