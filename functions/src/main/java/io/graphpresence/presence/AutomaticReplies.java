package io.graphpresence.presence;

import java.time.Instant;
import java.util.Locale;

/**
 * A user's automatic replies (mailbox settings): while they are on, the user is out of office
 * (spec section 5). Scheduled replies are on from their start (inclusive) to their end
 * (exclusive).
 *
 * @param scheduledStart null unless scheduled
 * @param scheduledEnd   null unless scheduled
 */
public record AutomaticReplies(Status status, Audience externalAudience, String internalReplyMessage,
                               String externalReplyMessage, DateTimeTimeZone scheduledStart,
                               DateTimeTimeZone scheduledEnd) {

    public enum Status { disabled, alwaysEnabled, scheduled }

    public enum Audience { none, contactsOnly, all }

    /** Out of office because of a calendar event, with no automatic replies to quote. */
    static final AutomaticReplies OOF_WITHOUT_MESSAGE =
            new AutomaticReplies(Status.alwaysEnabled, Audience.all, null, null, null, null);

    /** The same messages, on now: an oof event shows the automatic replies' messages. */
    AutomaticReplies alwaysOn() {
        return new AutomaticReplies(Status.alwaysEnabled, externalAudience, internalReplyMessage, externalReplyMessage,
                null, null);
    }

    public boolean isActiveAt(Instant t) {
        return switch (status) {
            case disabled -> false;
            case alwaysEnabled -> true;
            case scheduled -> scheduledStart != null && scheduledEnd != null
                    && !t.isBefore(scheduledStart.instant()) && t.isBefore(scheduledEnd.instant());
        };
    }

    /** What a reader sees as the out-of-office message: the internal one inside the tenant. */
    public String messageFor(boolean sameTenant) {
        if (sameTenant) {
            return internalReplyMessage;
        }
        return externalAudience == Audience.none ? null : externalReplyMessage;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        for (E value : type.getEnumConstants()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new InvalidPresenceException("'" + text + "' is not a known " + what + ".");
    }

    public static Status status(String text) {
        return parse(Status.class, text, "automatic replies status");
    }

    public static Audience audience(String text) {
        return parse(Audience.class, text, "external audience");
    }
}
