package io.graphpresence.presence;

/** A request that breaks a rule of the presence contract; the API answers 400 InvalidArgument. */
public class InvalidPresenceException extends RuntimeException {
    public InvalidPresenceException(String message) {
        super(message);
    }
}
