package io.graphpresence.presence;

import java.time.Instant;

/** What the user chose to show, over every session, until it expires. */
public record PreferredPresence(PresencePair pair, Instant setAt, Instant expiresAt) {

    public boolean isLiveAt(Instant t) {
        return t.isBefore(expiresAt);
    }
}
