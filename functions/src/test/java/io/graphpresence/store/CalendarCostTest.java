package io.graphpresence.store;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.delivery.PresenceScheduleFunction;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.presence.DateTimeTimeZone;
import io.graphpresence.presence.ShowAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user with 500 future meetings costs a reader what a user with none does: one GetItem of an
 * item that holds only the coming day's meetings. The schedule moves each onto the item a day
 * ahead, reading only what is due.
 */
class CalendarCostTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();
    private static final RequestCounter counter = harness.context.getBean(RequestCounter.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");

    private static CalendarEvent meeting(String id, Instant start) {
        return new CalendarEvent(id, "Meeting " + id, utc(start), utc(start.plus(Duration.ofMinutes(30))), ShowAs.busy,
                false, false, harness.clock.instant());
    }

    private static DateTimeTimeZone utc(Instant instant) {
        return new DateTimeTimeZone(LOCAL.format(instant.atOffset(ZoneOffset.UTC)), "UTC", instant);
    }

    private static Map<String, AttributeValue> item(String userId) {
        return harness.context.getBean(DynamoDbClient.class).getItem(g -> g.tableName(
                harness.context.getProperty("presence.table.name", String.class).orElseThrow())
                .key(PresenceItems.userKey(userId)).consistentRead(true)).item();
    }

    private static long blocksOnItem(String userId) {
        return item(userId).keySet().stream().filter(name -> name.startsWith(PresenceItems.CALENDAR_PREFIX)).count();
    }

    @Test
    void fiveHundredFutureMeetingsLeaveTheReadAtOneGetItemOfASmallItem() {
        String busy = UUID.randomUUID().toString();
        String idle = UUID.randomUUID().toString();
        AllStores repository = harness.repository();
        repository.putUser(new DirectoryUser(busy, CONTOSO, busy + "@contoso.com", "Busy"));
        repository.putUser(new DirectoryUser(idle, CONTOSO, idle + "@contoso.com", "Idle"));
        Instant now = harness.clock.instant();
        TenantUser owner = new TenantUser(CONTOSO, busy);
        counter.reset();
        for (int day = 2; day < 502; day++) {
            repository.putEvent(owner, meeting("m" + day, now.plus(Duration.ofDays(day))), now);
        }
        assertEquals(500, counter.sent().size(), "each event is one request");
        assertEquals(List.of("TransactWriteItems"), List.copyOf(new java.util.LinkedHashSet<>(counter.sent())));

        assertEquals(0, blocksOnItem(busy), "no event of the coming day, none on the item");
        int busySize = item(busy).toString().length();
        int idleSize = item(idle).toString().length();
        assertTrue(busySize < idleSize + 200, "the item is as small as a user's without events: " + busySize
                + " against " + idleSize);

        counter.reset();
        String reader = harness.appToken(CONTOSO, "reader", "Presence.Read.All");
        assertEquals(200, harness.get("/v1.0/users/" + busy + "/presence", reader).status());
        assertEquals(List.of("GetItem"), counter.sent());
    }

    @Test
    void theScheduleMovesAMeetingOntoTheItemADayAheadAndItStartsOnTime() {
        String user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Later"));
        Instant start = harness.clock.instant().plus(Duration.ofDays(3));
        harness.repository().putEvent(new TenantUser(CONTOSO, user), meeting("later", start), harness.clock.instant());
        harness.repository().putEvent(new TenantUser(CONTOSO, user), meeting("much-later", start.plus(Duration.ofDays(5))),
                harness.clock.instant());
        PresenceScheduleFunction schedule = new PresenceScheduleFunction(harness.context);

        schedule.execute(new ScheduledEvent());
        assertEquals(0, blocksOnItem(user), "nothing is due yet");
        harness.clock.advanceTo(start.minus(Duration.ofDays(1)));
        counter.reset();
        schedule.execute(new ScheduledEvent());
        assertEquals(1, blocksOnItem(user), "the meeting is on the item a day ahead; the later one is not");
        List<String> cost = counter.sent();
        // the last run left the cursor at its day; the clock moved two days: from the day before
        // the cursor to today is four days, each read on every one of the 4 shards
        assertEquals(4 * 4, cost.stream().filter("Query"::equals).count(), "one query per shard and day of the due index");
        assertTrue(cost.size() <= 4 * 4 + 2 + 3 + 30, "the run reads what is due (and the cursor), not every event: " + cost);

        harness.clock.advanceTo(start.minusMillis(1));
        String reader = harness.appToken(CONTOSO, "reader", "Presence.Read.All");
        assertEquals("Offline/Offline", harness.get("/v1.0/users/" + user + "/presence", reader).pair());
        harness.clock.advanceTo(start);
        assertEquals("Busy/InAMeeting", harness.get("/v1.0/users/" + user + "/presence",
                harness.appToken(CONTOSO, "reader", "Presence.Read.All")).pair());
    }
}
