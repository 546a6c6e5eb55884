package io.graphpresence.presence;

import java.time.Duration;
import java.time.Instant;

/**
 * Which calendar events a user's presence item carries: those that overlap the coming day.
 * Later ones wait in the calendar's own items, due in the "next change at" index a day before
 * they start, when the schedule moves them onto the item; so a user with 500 future events
 * reads as fast as one with none.
 */
public final class CalendarHorizon {

    public static final Duration AHEAD = Duration.ofHours(24);

    private CalendarHorizon() {
    }

    /** Whether the block belongs on the presence item at {@code now}. */
    public static boolean isNear(CalendarBlock block, Instant now) {
        return block.end().isAfter(now) && block.start().isBefore(now.plus(AHEAD));
    }

    /** When a block that is not near yet must move onto the item. */
    public static Instant moveAt(Instant start) {
        return start.minus(AHEAD);
    }
}
