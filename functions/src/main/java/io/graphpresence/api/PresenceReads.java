package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.access.Visibility;
import io.graphpresence.presence.PresenceAggregator;
import io.graphpresence.store.UserRecord;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** How one reader sees one user at one moment: every read path goes through here. */
final class PresenceReads {

    private PresenceReads() {
    }

    /** @param user null when no tenant knows the id */
    static Map<String, Object> render(Caller reader, UserRecord user, Instant now, Set<String> select) {
        if (user == null || !Visibility.canSee(reader, user.user())) {
            return PresenceJson.presence(user == null ? null : user.user().id(), null, false, select);
        }
        boolean owner = reader.isDelegated() && reader.userId().equals(user.user().id());
        return PresenceJson.presence(user.user().id(), PresenceAggregator.view(user.presence(), now), owner, select);
    }
}
