package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.presence.PresenceState;

/** A user as one read finds it: who they are, and their stored presence. */
public record UserRecord(DirectoryUser user, PresenceState presence) {
}
