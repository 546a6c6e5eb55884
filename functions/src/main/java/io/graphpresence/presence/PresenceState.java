package io.graphpresence.presence;

import java.time.Instant;
import java.util.List;

/**
 * Everything stored about a user's presence. Expired parts may still be here (storage
 * removes them lazily); {@link PresenceAggregator} never shows them.
 *
 * @param automaticReplies  the mailbox's automatic replies, or null when never set
 * @param calendar          the calendar's meetings and out-of-office time in the coming hours
 * @param manualLocation    the work location set by hand today, or null
 * @param automaticLocation the work location set automatically today, or null
 * @param version           how many writes the user's presence has had; the leading part of
 *                          the sequence number
 * @param writtenAt         when the last write happened (server time)
 */
public record PresenceState(List<Session> sessions, PreferredPresence preferred, StatusMessage statusMessage,
                            AutomaticReplies automaticReplies, List<CalendarBlock> calendar,
                            WorkLocation manualLocation, WorkLocation automaticLocation,
                            long version, Instant writtenAt) {

    public static final PresenceState EMPTY = new PresenceState(List.of(), null, null, 0, Instant.EPOCH);

    /** A state without mailbox settings, calendar or work location. */
    public PresenceState(List<Session> sessions, PreferredPresence preferred, StatusMessage statusMessage,
                         long version, Instant writtenAt) {
        this(sessions, preferred, statusMessage, null, version, writtenAt);
    }

    /** A state without calendar or work location. */
    public PresenceState(List<Session> sessions, PreferredPresence preferred, StatusMessage statusMessage,
                         AutomaticReplies automaticReplies, long version, Instant writtenAt) {
        this(sessions, preferred, statusMessage, automaticReplies, List.of(), null, null, version, writtenAt);
    }
}
