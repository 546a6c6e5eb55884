package io.graphpresence.presence;

import java.time.Duration;
import java.time.Instant;

/**
 * Which calendar events a user's presence item carries: those that overlap the coming day,
 * at most {@value #MAX_NEAR_EVENTS} of them. Later ones wait in the calendar's own items, due
 * in the "next change at" index a day before they start, when the schedule moves them onto
 * the item; so a user with 500 future events reads as fast as one with none.
 * <p>
 * The bound keeps the item far below DynamoDB's 400 KB whatever a writer sends (docs/limits.md
 * adds it up): 24 hours of back-to-back 15-minute meetings are 96 events, so a real calendar
 * never meets it. A new or changed event that would be one too many is refused (400), since
 * its writer is there to hear it; an event the schedule moves near while the item is full
 * waits {@link #FULL_RETRY} and is tried again, until room frees or it ends.
 */
public final class CalendarHorizon {

    public static final Duration AHEAD = Duration.ofHours(24);
    public static final int MAX_NEAR_EVENTS = 100;
    public static final Duration FULL_RETRY = Duration.ofMinutes(15);

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

    /** A block refused a place while the item was full: when to try again, or null when it will have ended. */
    public static Instant retryWhenFull(CalendarBlock block, Instant now) {
        Instant retry = now.plus(FULL_RETRY);
        return block.end().isAfter(retry) ? retry : null;
    }
}
