package io.graphpresence.store;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
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
        this.dueIndex = new DueIndex(table.dynamo(), table.table(), table.dueShards());
        this.calendar = new CalendarWrites(table.dynamo(), table.table(), table.dueShards());
    }

    @Override
    public List<DueSlice> dueSlices(Instant now) {
        return guarded(() -> dueIndex.slices(now));
    }

    @Override
    public DuePage duePage(DueSlice slice, Instant now, int limit) {
        return guarded(() -> dueIndex.page(slice, now, limit));
    }

    @Override
    public void sweptUpTo(Instant now, Collection<DueSlice> stillHolding) {
        run(() -> dueIndex.sweptUpTo(now, stillHolding));
    }

    @Override
    public boolean markTimeDrivenChange(String userId, Instant dueAt, Instant now) {
        // the mark names the due moment it answers: a second mark of the same moment fails the
        // condition, whatever the clocks of the hosts; a user who is gone took what was due with them
        return table.updateExistingUser(userId, new ItemUpdate().set("#tick = :now").name("#tick", TICK)
                .value(":now", millis(now)).set("#marked = :due").name("#marked", MARKED_DUE)
                .name("#due", DueIndex.DUE_AT).value(":due", millis(dueAt))
                .condition("#due = :due AND (attribute_not_exists(#marked) OR #marked <> :due)"));
    }

    @Override
    public void moveEventNear(String userId, String eventId, Instant now) {
        run(() -> calendar.moveNear(userId, eventId, now));
    }

    @Override
    public void recordNotified(String userId, String shown, Instant nextChange, List<String> endedEvents) {
        ItemUpdate update = new ItemUpdate().set("#shown = :shown").name("#shown", SHOWN).value(":shown", s(shown))
                .setOrRemove("#shard", DueIndex.SHARD, nextChange == null ? null : s(DueIndex.partitionKey(USER_PREFIX + userId, nextChange, table.dueShards())))
                .setOrRemove("#due", DueIndex.DUE_AT, nextChange == null ? null : millis(nextChange));
        NearEvents.removeAll(update, endedEvents);
        // not conditional on the version: what was notified stays true whatever was written since,
        // and a newer write's record (or this write's own) brings the next change up to date;
        // a user who is gone has nothing to remember
        table.updateExistingUser(userId, update);
    }
}
