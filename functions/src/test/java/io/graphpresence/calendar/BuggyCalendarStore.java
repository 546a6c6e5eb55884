package io.graphpresence.calendar;

import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.presence.MailboxSettingsUpdate;
import io.graphpresence.store.CalendarStore;
import io.graphpresence.store.DynamoCalendarStore;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * For a context that sets {@value #ENABLED}: a calendar store with a bug, that throws whatever
 * the test gives it, so that what the bus function does with a bug can be seen.
 */
@Singleton
@Replaces(DynamoCalendarStore.class)
@Requires(property = BuggyCalendarStore.ENABLED, value = "true")
class BuggyCalendarStore implements CalendarStore {

    static final String ENABLED = "presence.test.buggy-calendar-store";

    private volatile RuntimeException bug = new IllegalStateException("no bug chosen");

    void failWith(RuntimeException bug) {
        this.bug = bug;
    }

    @Override
    public Optional<CalendarEvent> findEvent(TenantUser owner, String eventId) {
        throw bug;
    }

    @Override
    public boolean putEvent(TenantUser owner, CalendarEvent event, Instant now) {
        throw bug;
    }

    @Override
    public boolean deleteEvent(TenantUser owner, String eventId, Instant lastModified, Instant now) {
        throw bug;
    }

    @Override
    public boolean putMailboxSettings(TenantUser target, MailboxSettingsUpdate update, Instant now,
                                      Instant lastModified) {
        throw bug;
    }
}
