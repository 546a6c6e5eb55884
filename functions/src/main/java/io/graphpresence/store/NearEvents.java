package io.graphpresence.store;

import io.graphpresence.presence.CalendarBlock;
import io.graphpresence.presence.CalendarHorizon;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;

import static io.graphpresence.store.PresenceItems.CALENDAR_IDS;
import static io.graphpresence.store.PresenceItems.block;
import static io.graphpresence.store.PresenceItems.calendarAttribute;
import static io.graphpresence.store.PresenceItems.n;
import static io.graphpresence.store.PresenceItems.s;

/**
 * The calendar blocks on a user's item, and their bound: every write that puts a block there
 * also adds its event id to the item's {@code calIds} set, and is conditional on the set
 * holding the id already or fewer than {@link CalendarHorizon#MAX_NEAR_EVENTS} ids; every
 * write that takes one off takes the id out. One conditional update, so no two writers
 * racing can pass the bound together.
 */
final class NearEvents {

    private NearEvents() {
    }

    /** Puts the event's block on the item (bounded), or takes it off when {@code near} is null. */
    static ItemUpdate place(ItemUpdate change, String eventId, CalendarBlock near) {
        change.name("#block", calendarAttribute(eventId)).name("#calIds", CALENDAR_IDS)
                .value(":calIdSet", AttributeValue.fromSs(List.of(eventId)));
        if (near == null) {
            return change.remove("#block").delete("#calIds :calIdSet");
        }
        return change.set("#block = :block").value(":block", block(near)).add("#calIds :calIdSet")
                .value(":calId", s(eventId)).value(":maxNear", n(CalendarHorizon.MAX_NEAR_EVENTS))
                .condition("(attribute_not_exists(#calIds) OR contains(#calIds, :calId) OR size(#calIds) < :maxNear)");
    }

    /** Takes the blocks of these events off the item. */
    static ItemUpdate removeAll(ItemUpdate change, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return change;
        }
        for (int i = 0; i < eventIds.size(); i++) {
            change.setOrRemove("#ended" + i, calendarAttribute(eventIds.get(i)), null);
        }
        return change.name("#calIds", CALENDAR_IDS).delete("#calIds :endedIds")
                .value(":endedIds", AttributeValue.fromSs(eventIds.stream().distinct().toList()));
    }
}
