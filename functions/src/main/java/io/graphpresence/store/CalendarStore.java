package io.graphpresence.store;

import io.graphpresence.directory.OtherTenantException;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.presence.MailboxSettingsUpdate;

import java.time.Instant;
import java.util.Optional;

/**
 * A user's calendar (spec section 5): events, each with what presence needs of it on the
 * user's item, and the mailbox settings (time zone, automatic replies). Writes fail like
 * {@link PresenceStore}'s.
 */
public interface CalendarStore {

    /**
     * The event, unless the user has none by that id (deleted ones included): one GetItem.
     *
     * @throws OtherTenantException when the user's calendar is not the owner's tenant's
     */
    Optional<CalendarEvent> findEvent(TenantUser owner, String eventId);

    /**
     * Stores the event, with what presence needs of it on the user's item, in one transaction.
     *
     * @return false when a version modified as late or later is stored (this one is ignored)
     */
    boolean putEvent(TenantUser owner, CalendarEvent event, Instant now);

    /** @return false when a version modified later is stored (the deletion is ignored) */
    boolean deleteEvent(TenantUser owner, String eventId, Instant lastModified, Instant now);

    /** Sets the mailbox settings the update names, and leaves the others as they are. */
    default void putMailboxSettings(TenantUser target, MailboxSettingsUpdate update, Instant now) {
        putMailboxSettings(target, update, now, now);
    }

    /**
     * @param lastModified when the source changed them: settings changed later are kept
     * @return false when newer settings are stored (this change is ignored)
     */
    boolean putMailboxSettings(TenantUser target, MailboxSettingsUpdate update, Instant now, Instant lastModified);
}
