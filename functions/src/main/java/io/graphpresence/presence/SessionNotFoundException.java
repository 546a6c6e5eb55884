package io.graphpresence.presence;

/** clearPresence for a session the user does not have. */
public class SessionNotFoundException extends RuntimeException {
    public SessionNotFoundException(String sessionId) {
        super("The presence session '" + sessionId + "' was not found.");
    }
}
