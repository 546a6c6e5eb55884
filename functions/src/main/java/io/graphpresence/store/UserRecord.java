package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.presence.PresenceState;

/**
 * A user as one read finds it: who they are, their stored presence, and their mailbox's
 * time zone (null when never set).
 */
public record UserRecord(DirectoryUser user, PresenceState presence, String mailboxTimeZone) {
}
