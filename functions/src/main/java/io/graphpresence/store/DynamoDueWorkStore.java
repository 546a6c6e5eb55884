package io.graphpresence.store;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

import static io.graphpresence.store.PresenceItems.*;
import static io.graphpresence.store.TableAccess.guarded;
import static io.graphpresence.store.TableAccess.run;

/** {@link DueWorkStore} on the one table: the {@link DueIndex} and the marks on users' items. */
@Singleton
public class DynamoDueWorkStore implements DueWorkStore {

    private final TableAccess table;
    private final DueIndex dueIndex;
    private final CalendarWrites calendar;

    public DynamoDueWorkStore(TableAccess table) {
        this.table = table;
        this.dueIndex = new DueIndex(table.dynamo(), table.table());
        this.calendar = new CalendarWrites(table.dynamo(), table.table());
    }

    @Override
    public DueWork due(Instant now) {
        return guarded(() -> dueIndex.due(now));
    }

    @Override
    public void markTimeDrivenChange(String userId, Instant now) {
        // a user who is gone took what was due with them
        table.updateExistingUser(userId, new ItemUpdate().set("#tick = :now").name("#tick", TICK)
                .value(":now", millis(now)));
    }

    @Override
    public void moveEventNear(String userId, String eventId, Instant now) {
        run(() -> calendar.moveNear(userId, eventId, now));
    }

    @Override
    public void recordNotified(String userId, String shown, Instant nextChange, List<String> endedEvents) {
        ItemUpdate update = new ItemUpdate().set("#shown = :shown").name("#shown", SHOWN).value(":shown", s(shown))
                .setOrRemove("#shard", DueIndex.SHARD, nextChange == null ? null : s(DueIndex.shard(USER_PREFIX + userId)))
                .setOrRemove("#due", DueIndex.DUE_AT, nextChange == null ? null : millis(nextChange));
        NearEvents.removeAll(update, endedEvents);
        // not conditional on the version: what was notified stays true whatever was written since,
        // and a newer write's record (or this write's own) brings the next change up to date;
        // a user who is gone has nothing to remember
        table.updateExistingUser(userId, update);
    }
}
