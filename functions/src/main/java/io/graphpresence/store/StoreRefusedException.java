package io.graphpresence.store;

/**
 * DynamoDB refused a request as invalid (a ValidationException: an item over 400 KB, a key
 * or name too long). Input limits are meant to stop that first; this is the last line, so
 * that whatever slips past them is the caller's 400, never a 500. Nothing was written.
 */
public class StoreRefusedException extends RuntimeException {

    public StoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
