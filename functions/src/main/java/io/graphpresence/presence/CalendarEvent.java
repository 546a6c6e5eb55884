package io.graphpresence.presence;

import java.time.Instant;
import java.util.Optional;

/**
 * A calendar event as the service keeps it (spec section 5): the fields that matter, from
 * Graph's event API or the event bus.
 *
 * @param lastModified when its source last changed it: an older version never replaces a newer
 */
public record CalendarEvent(String id, String subject, DateTimeTimeZone start, DateTimeTimeZone end, ShowAs showAs,
                            boolean isCancelled, boolean isAllDay, Instant lastModified) {

    public CalendarEvent {
        if (start == null || end == null) {
            throw new InvalidPresenceException("An event needs start and end.");
        }
        if (!end.instant().isAfter(start.instant())) {
            throw new InvalidPresenceException("An event's end must be after its start.");
        }
        if (showAs == null) {
            showAs = ShowAs.busy;
        }
    }

    /** What presence needs of it, or empty when it cannot change presence (free, cancelled ...). */
    public Optional<CalendarBlock> block() {
        boolean matters = !isCancelled && (showAs == ShowAs.busy || showAs == ShowAs.tentative || showAs == ShowAs.oof);
        return matters ? Optional.of(new CalendarBlock(id, start.instant(), end.instant(), showAs)) : Optional.empty();
    }
}
