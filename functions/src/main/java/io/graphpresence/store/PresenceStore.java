package io.graphpresence.store;

import io.graphpresence.directory.OtherTenantException;
import io.graphpresence.directory.UserNotFoundException;
import io.graphpresence.presence.PreferredPresence;
import io.graphpresence.presence.Session;
import io.graphpresence.presence.SessionNotFoundException;
import io.graphpresence.presence.StatusMessage;
import io.graphpresence.presence.WorkLocation;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A user's presence: the user's item with its sessions, preferred presence, status message and
 * work location. A read of one user is one request; a write is one request with no read
 * before it, and fails with {@link UserNotFoundException} or {@link OtherTenantException},
 * changing nothing. Any storage outage is a {@link StoreUnavailableException}.
 */
public interface PresenceStore {

    Optional<UserRecord> findUser(String userId);

    /** The users found, by id; ids nobody knows are absent from the map. */
    Map<String, UserRecord> findUsers(Collection<String> userIds);

    void putSession(TenantUser target, Session session, Instant now);

    /** @throws SessionNotFoundException when the user has no such session */
    void removeSession(TenantUser target, String sessionId, Instant now);

    void putPreferred(TenantUser target, PreferredPresence preferred, Instant now);

    void removePreferred(TenantUser target, Instant now);

    /** @param message null clears the status message */
    void putStatusMessage(TenantUser target, StatusMessage message, Instant now);

    /** Sets today's manual or automatic work location. */
    void putWorkLocation(TenantUser target, WorkLocation.Source source, WorkLocation.Type type, String placeId,
                         Instant now);

    /** @param source the location to clear, or null for both */
    void removeWorkLocation(TenantUser target, WorkLocation.Source source, Instant now);
}
