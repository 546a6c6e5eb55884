package io.graphpresence.presence;

/**
 * The user's presence already carries {@value CalendarHorizon#MAX_NEAR_EVENTS} events of the
 * coming day, and this one would add another: refused like any input beyond a limit (400).
 */
public class TooManyNearEventsException extends InvalidPresenceException {
    public TooManyNearEventsException(String userId) {
        super("User '" + userId + "' already has " + CalendarHorizon.MAX_NEAR_EVENTS
                + " events that matter to presence within the coming 24 hours; delete or move one first.");
    }
}
