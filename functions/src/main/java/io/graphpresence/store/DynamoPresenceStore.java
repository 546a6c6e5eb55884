package io.graphpresence.store;

import io.graphpresence.presence.PreferredPresence;
import io.graphpresence.presence.Session;
import io.graphpresence.presence.SessionNotFoundException;
import io.graphpresence.presence.StatusMessage;
import io.graphpresence.presence.WorkLocation;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import static io.graphpresence.store.PresenceItems.*;

/** {@link PresenceStore} on the one table; see {@link PresenceItems} for the user's item. */
@Singleton
public class DynamoPresenceStore implements PresenceStore {

    private final TableAccess table;

    public DynamoPresenceStore(TableAccess table) {
        this.table = table;
    }

    @Override
    public Optional<UserRecord> findUser(String userId) {
        return Optional.ofNullable(table.get(userKey(userId))).map(PresenceItems::toUserRecord);
    }

    @Override
    public Map<String, UserRecord> findUsers(Collection<String> userIds) {
        return table.readById(userIds, PresenceItems::userKey, PresenceItems::toUserRecord, r -> r.user().id());
    }

    @Override
    public void putSession(TenantUser target, Session session, Instant now) {
        table.writeUser(target, now, new ItemUpdate()
                .set("#sessions.#sid = :session")
                .name("#sessions", SESSIONS).name("#sid", session.id())
                .value(":session", PresenceItems.session(session)));
    }

    @Override
    public void removeSession(TenantUser target, String sessionId, Instant now) {
        ItemUpdate change = new ItemUpdate()
                .remove("#sessions.#sid")
                .name("#sessions", SESSIONS).name("#sid", sessionId)
                .condition("attribute_exists(#sessions.#sid)");
        if (!table.writeUser(target, now, change)) {
            throw new SessionNotFoundException(sessionId);
        }
    }

    @Override
    public void putPreferred(TenantUser target, PreferredPresence preferred, Instant now) {
        table.writeUser(target, now, new ItemUpdate().set("#preferred = :preferred")
                .name("#preferred", PREFERRED).value(":preferred", PresenceItems.preferred(preferred)));
    }

    @Override
    public void removePreferred(TenantUser target, Instant now) {
        table.writeUser(target, now, new ItemUpdate().remove("#preferred").name("#preferred", PREFERRED));
    }

    @Override
    public void putStatusMessage(TenantUser target, StatusMessage message, Instant now) {
        ItemUpdate change = new ItemUpdate().name("#status", STATUS);
        if (message == null) {
            change.remove("#status");
        } else {
            change.set("#status = :status").value(":status", PresenceItems.status(message));
        }
        table.writeUser(target, now, change);
    }

    @Override
    public void putWorkLocation(TenantUser target, WorkLocation.Source source, WorkLocation.Type type, String placeId,
                                Instant now) {
        table.writeUser(target, now, new ItemUpdate().set("#location = :location")
                .name("#location", locationAttribute(source))
                .value(":location", PresenceItems.location(type, placeId, now)));
    }

    @Override
    public void removeWorkLocation(TenantUser target, WorkLocation.Source source, Instant now) {
        ItemUpdate change = new ItemUpdate();
        if (source == null || source == WorkLocation.Source.manual) {
            change.remove("#manual").name("#manual", LOCATION_MANUAL);
        }
        if (source == null || source == WorkLocation.Source.automatic) {
            change.remove("#automatic").name("#automatic", LOCATION_AUTOMATIC);
        }
        table.writeUser(target, now, change);
    }

    private static String locationAttribute(WorkLocation.Source source) {
        return source == WorkLocation.Source.manual ? LOCATION_MANUAL : LOCATION_AUTOMATIC;
    }
}
