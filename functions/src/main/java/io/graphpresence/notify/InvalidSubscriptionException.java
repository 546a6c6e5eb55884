package io.graphpresence.notify;

/** A subscription request that breaks a rule of spec section 6: a 400 with the rule in the message. */
public class InvalidSubscriptionException extends RuntimeException {

    public InvalidSubscriptionException(String message) {
        super(message);
    }
}
