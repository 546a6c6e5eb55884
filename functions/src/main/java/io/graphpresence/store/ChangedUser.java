package io.graphpresence.store;

import java.time.Instant;

/**
 * A user as a stream record shows them after a write.
 *
 * @param shown  the fingerprint of the presence last notified, or null when never
 * @param dueAt  the next time-driven change the index holds for them, or null
 */
public record ChangedUser(UserRecord record, String shown, Instant dueAt) {
}
