package io.graphpresence.notify;

/** A subscription id the calling application has no subscription under (or one that has expired). */
public class SubscriptionNotFoundException extends RuntimeException {
    public SubscriptionNotFoundException(String subscriptionId) {
        super("The subscription '" + subscriptionId + "' was not found.");
    }
}
