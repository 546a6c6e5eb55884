package io.graphpresence.access;

/** A missing, malformed, expired or badly signed token: 401 InvalidAuthenticationToken. */
public class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String message) {
        super(message);
    }
}
