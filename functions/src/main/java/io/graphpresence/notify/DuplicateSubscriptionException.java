package io.graphpresence.notify;

/** Graph allows one presence subscription per application and delegated user. */
public class DuplicateSubscriptionException extends RuntimeException {
    public DuplicateSubscriptionException(String appId) {
        super("A presence subscription of application '" + appId
                + "' for this user already exists; renew it or delete it first.");
    }
}
