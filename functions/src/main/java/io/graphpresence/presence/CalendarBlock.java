package io.graphpresence.presence;

import java.time.Instant;

/**
 * What presence needs of a calendar event: busy or tentative time is a meeting, oof time is
 * out of office (spec section 5), from {@code start} (inclusive) to {@code end} (exclusive).
 */
public record CalendarBlock(String eventId, Instant start, Instant end, ShowAs showAs) {

    static final PresencePair IN_A_MEETING = new PresencePair(Availability.Busy, Activity.InAMeeting);

    public boolean isLiveAt(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public boolean isMeeting() {
        return showAs == ShowAs.busy || showAs == ShowAs.tentative;
    }

    /** A meeting ranks as a Busy session that never fades, live only during its time. */
    Session asSession() {
        return new Session("calendar:" + eventId, IN_A_MEETING, start, start, end, false);
    }
}
