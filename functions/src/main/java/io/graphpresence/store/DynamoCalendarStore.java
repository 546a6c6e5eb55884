package io.graphpresence.store;

import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.presence.MailboxSettingsUpdate;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Optional;

import static io.graphpresence.store.PresenceItems.*;
import static io.graphpresence.store.TableAccess.guarded;

/** {@link CalendarStore} on the one table: events as {@link CalendarWrites} keeps them, settings on the user's item. */
@Singleton
public class DynamoCalendarStore implements CalendarStore {

    private final TableAccess table;
    private final CalendarWrites calendar;

    public DynamoCalendarStore(TableAccess table) {
        this.table = table;
        this.calendar = new CalendarWrites(table.dynamo(), table.table(), table.dueShards());
    }

    @Override
    public Optional<CalendarEvent> findEvent(TenantUser owner, String eventId) {
        return guarded(() -> calendar.find(owner, eventId));
    }

    @Override
    public boolean putEvent(TenantUser owner, CalendarEvent event, Instant now) {
        return guarded(() -> calendar.put(owner, event, now));
    }

    @Override
    public boolean deleteEvent(TenantUser owner, String eventId, Instant lastModified, Instant now) {
        return guarded(() -> calendar.delete(owner, eventId, lastModified, now));
    }

    @Override
    public boolean putMailboxSettings(TenantUser target, MailboxSettingsUpdate update, Instant now,
                                      Instant lastModified) {
        ItemUpdate change = new ItemUpdate()
                .set("#oofModified = :oofModified").name("#oofModified", OOF_MODIFIED)
                .value(":oofModified", millis(lastModified))
                .condition("(attribute_not_exists(#oofModified) OR #oofModified <= :oofModified)");
        setIfGiven(change, MAILBOX_TIME_ZONE, update.timeZone() == null ? null : s(update.timeZone()));
        setIfGiven(change, OOF_STATUS, update.status() == null ? null : s(update.status().name()));
        setIfGiven(change, OOF_AUDIENCE, update.externalAudience() == null ? null : s(update.externalAudience().name()));
        setIfGiven(change, OOF_INTERNAL, update.internalReplyMessage() == null ? null : s(update.internalReplyMessage()));
        setIfGiven(change, OOF_EXTERNAL, update.externalReplyMessage() == null ? null : s(update.externalReplyMessage()));
        setIfGiven(change, OOF_START, update.scheduledStart() == null ? null : dateTimeTimeZone(update.scheduledStart()));
        setIfGiven(change, OOF_END, update.scheduledEnd() == null ? null : dateTimeTimeZone(update.scheduledEnd()));
        return table.writeUser(target, now, change);
    }

    private static void setIfGiven(ItemUpdate change, String attribute, AttributeValue value) {
        if (value != null) {
            String placeholder = "#" + attribute;
            change.set(placeholder + " = :" + attribute).name(placeholder, attribute).value(":" + attribute, value);
        }
    }
}
