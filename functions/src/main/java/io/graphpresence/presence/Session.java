package io.graphpresence.presence;

import java.time.Duration;
import java.time.Instant;

/**
 * One source of presence for a user: an application's setPresence session, or (later) a
 * meeting from the calendar. Live from {@code startsAt} (inclusive) to {@code expiresAt}
 * (exclusive).
 *
 * @param updatedAt when it was last set; restarts the fade clock and breaks ties
 * @param fades     whether an Available session turns idle, then away, when not refreshed
 */
public record Session(String id, PresencePair pair, Instant updatedAt, Instant startsAt, Instant expiresAt,
                      boolean fades) {

    /** A session from setPresence: live from now, fading only when Available. */
    public static Session fromApplication(String appId, PresencePair pair, Instant now, Duration lifetime) {
        return new Session(appId, pair, now, now, now.plus(lifetime), pair.availability() == Availability.Available);
    }

    public boolean isLiveAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(expiresAt);
    }
}
