package io.graphpresence.presence;

/**
 * A PATCH of mailbox settings: each field is null when the request leaves it alone, so that
 * storage merges it without reading first.
 */
public record MailboxSettingsUpdate(String timeZone, AutomaticReplies.Status status,
                                    AutomaticReplies.Audience externalAudience, String internalReplyMessage,
                                    String externalReplyMessage, DateTimeTimeZone scheduledStart,
                                    DateTimeTimeZone scheduledEnd) {

    public MailboxSettingsUpdate {
        if (timeZone != null) {
            TimeZones.resolve(timeZone);
        }
        if (scheduledStart != null && scheduledEnd != null && !scheduledEnd.instant().isAfter(scheduledStart.instant())) {
            throw new InvalidPresenceException("scheduledEndDateTime must be after scheduledStartDateTime.");
        }
        if (status == AutomaticReplies.Status.scheduled && (scheduledStart == null || scheduledEnd == null)) {
            throw new InvalidPresenceException(
                    "Scheduled automatic replies need scheduledStartDateTime and scheduledEndDateTime.");
        }
    }
}
