package io.graphpresence.presence;

import java.time.Instant;
import java.util.List;

/**
 * Everything stored about a user's presence. Expired parts may still be here (storage
 * removes them lazily); {@link PresenceAggregator} never shows them.
 *
 * @param automaticReplies the mailbox's automatic replies, or null when never set
 * @param version          how many writes the user's presence has had; the leading part of
 *                         the sequence number
 * @param writtenAt        when the last write happened (server time)
 */
public record PresenceState(List<Session> sessions, PreferredPresence preferred, StatusMessage statusMessage,
                            AutomaticReplies automaticReplies, long version, Instant writtenAt) {

    public static final PresenceState EMPTY = new PresenceState(List.of(), null, null, 0, Instant.EPOCH);

    /** A state without mailbox settings. */
    public PresenceState(List<Session> sessions, PreferredPresence preferred, StatusMessage statusMessage,
                         long version, Instant writtenAt) {
        this(sessions, preferred, statusMessage, null, version, writtenAt);
    }
}
