package io.graphpresence.presence;

/**
 * A user's presence as readers see it at one moment.
 *
 * @param statusMessage null when there is none, or it has expired
 * @param outOfOffice   the automatic replies in force now, or null when the user is not out of office
 */
public record PresenceView(PresencePair pair, StatusMessage statusMessage, AutomaticReplies outOfOffice,
                           String sequenceNumber) {
}
