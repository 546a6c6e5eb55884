package io.graphpresence.presence;

/**
 * A user's presence as readers see it at one moment.
 *
 * @param statusMessage null when there is none, or it has expired
 */
public record PresenceView(PresencePair pair, StatusMessage statusMessage, String sequenceNumber) {
}
