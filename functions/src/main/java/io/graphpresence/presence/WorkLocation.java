package io.graphpresence.presence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Where a user works today (Graph's {@code workLocation}), set by hand or automatically; it
 * holds until the end of the user's day, midnight in their mailbox time zone (spec section 5).
 */
public record WorkLocation(Type type, Source source, String placeId, Instant until) {

    public enum Type {
        unspecified, office, remote, timeOff;

        public static Type parse(String text) {
            return AutomaticReplies.parse(Type.class, text, "workLocationType (office, remote, timeOff)");
        }
    }

    public enum Source { none, manual, scheduled, automatic }

    /** The next midnight after {@code setAt} in {@code zone}. */
    public static Instant endOfDay(Instant setAt, ZoneId zone) {
        LocalDate day = setAt.atZone(zone).toLocalDate();
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean isLiveAt(Instant t) {
        return t.isBefore(until);
    }
}
