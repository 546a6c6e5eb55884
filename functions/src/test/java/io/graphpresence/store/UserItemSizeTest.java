package io.graphpresence.store;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.delivery.PresenceScheduleFunction;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.limits.InputLimits;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.presence.CalendarHorizon;
import io.graphpresence.presence.StatusMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The largest a user's item can grow (docs/limits.md, "A user's stored item"), built for real
 * through the doors a writer has, every field at its limit, in 3-byte characters where a field
 * takes any text, and {@value CalendarHorizon#MAX_NEAR_EVENTS} near calendar events with the
 * longest ids the bus accepts. DynamoDB Local stores it, its size stays under the figure the
 * docs give, and no further near event gets onto the item, by the API or the bus. What would
 * still reach DynamoDB's own limit is a refusal (400), not an outage or a 500.
 */
class UserItemSizeTest {

    /** docs/limits.md's total for the worst case; DynamoDB refuses items over 400 KB. */
    static final int DOCUMENTED_MAX_BYTES = 110 * 1024;
    static final int DYNAMODB_MAX_BYTES = 400 * 1024;
    /** The longest event id the bus accepts (docs/limits.md). */
    static final int MAX_BUS_EVENT_ID = 200;
    private static final String THREE_BYTES = "€";

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start(Map.of("presence.throttle.writes.limit", 100_000,
            "presence.throttle.reads.limit", 100_000));

    private final String user = UUID.randomUUID().toString();
    private final String longAppId = "a".repeat(InputLimits.MAX_ID);

    @Test
    void theWorstCaseItemIsStoredAndStaysUnderTheDocumentedSize() {
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, "u".repeat(200) + "@contoso.com",
                THREE_BYTES.repeat(256)));
        fillEveryFieldToItsLimit();
        Instant now = harness.clock.instant();
        for (int i = 0; i < CalendarHorizon.MAX_NEAR_EVENTS; i++) {
            busEvent(eventId(i), now.plus(Duration.ofMinutes(10L * i)), now);
        }
        Map<String, AttributeValue> item = item();
        assertEquals(CalendarHorizon.MAX_NEAR_EVENTS, blocksOn(item), "every near event is on the item");

        // one more near event: refused by the API (400), dropped by the bus, the item unchanged
        Reply refused = harness.post("/v1.0/users/" + user + "/events", calendarApp(), graphEvent(now.plusSeconds(60)));
        assertEquals(400, refused.status(), refused.body());
        assertEquals("InvalidArgument", refused.errorCode(), refused.body());
        busEvent(eventId(CalendarHorizon.MAX_NEAR_EVENTS), now.plusSeconds(120), now);
        assertEquals(CalendarHorizon.MAX_NEAR_EVENTS, blocksOn(item()));
        // a change to an event already there still lands, and a later event is stored off the item
        busEvent(eventId(0), now.plusSeconds(30), now.plusSeconds(1));
        assertEquals(now.plusSeconds(30).toEpochMilli(), Long.parseLong(item().get(
                PresenceItems.calendarAttribute(eventId(0))).m().get("s").n()));
        assertEquals(201, harness.post("/v1.0/users/" + user + "/events", calendarApp(),
                graphEvent(now.plus(Duration.ofDays(2)))).status());

        long size = ItemSize.of(item());
        System.out.println("The worst-case user item: " + size + " bytes"); // the figure docs/limits.md quotes
        assertTrue(size < DOCUMENTED_MAX_BYTES, "the worst case is " + size + " bytes");
        assertTrue(size > DOCUMENTED_MAX_BYTES / 2, "the case is worst indeed, not a small item: " + size + " bytes");
        assertTrue(size < DYNAMODB_MAX_BYTES);
    }

    @Test
    void anEventTheScheduleMovesNearWhileTheItemIsFullWaitsForRoom() {
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Full"));
        Instant now = harness.clock.instant();
        for (int i = 0; i < CalendarHorizon.MAX_NEAR_EVENTS; i++) {
            busEvent(eventId(i), now.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(i)), now);
        }
        busEvent("later", now.plus(Duration.ofHours(30)), now);
        PresenceScheduleFunction schedule = new PresenceScheduleFunction(harness.context);

        harness.clock.advanceTo(now.plus(Duration.ofHours(6)).plusSeconds(1));
        schedule.execute(new ScheduledEvent());
        assertFalse(item().containsKey(PresenceItems.calendarAttribute("later")), "no room on the item yet");
        assertEquals(CalendarHorizon.MAX_NEAR_EVENTS, blocksOn(item()));

        deleteBusEvent(eventId(7), harness.clock.instant());
        schedule.execute(new ScheduledEvent());
        assertFalse(item().containsKey(PresenceItems.calendarAttribute("later")), "tried again only after a while");
        harness.clock.advanceTo(harness.clock.instant().plus(CalendarHorizon.FULL_RETRY));
        schedule.execute(new ScheduledEvent());
        assertTrue(item().containsKey(PresenceItems.calendarAttribute("later")), "moved once there was room");
        assertEquals(CalendarHorizon.MAX_NEAR_EVENTS, blocksOn(item()));
    }

    @Test
    void whatStillReachesDynamoDbsValidationIsARefusalNotAnOutage() {
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Refused"));
        TenantUser target = new TenantUser(CONTOSO, user);
        Instant now = harness.clock.instant();
        // past the store, as a rule forgotten in some future door would let it: 400 KB in one field
        StatusMessage tooBig = new StatusMessage("x".repeat(DYNAMODB_MAX_BYTES), "text", null, now);
        assertThrows(StoreRefusedException.class, () -> harness.repository().putStatusMessage(target, tooBig, now));
        assertFalse(item().containsKey(PresenceItems.STATUS), "nothing was written");
        harness.repository().putStatusMessage(target, new StatusMessage("fits", "text", null, now), now);
        assertTrue(item().containsKey(PresenceItems.STATUS), "the control: a message that fits is stored");
    }

    /** Session, preferred presence, status message, mailbox settings and both locations, each at its limit. */
    private void fillEveryFieldToItsLimit() {
        String path = "/v1.0/users/" + user + "/presence/";
        String app = harness.appToken(CONTOSO, longAppId, "Presence.ReadWrite.All");
        ok(harness.post(path + "setPresence", app, "{\"sessionId\":\"" + longAppId
                + "\",\"availability\":\"Available\",\"activity\":\"Available\",\"expirationDuration\":\"PT4H\"}"));
        ok(harness.post(path + "setUserPreferredPresence", app, "{\"availability\":\"DoNotDisturb\","
                + "\"activity\":\"DoNotDisturb\",\"expirationDuration\":\"PT8H\"}"));
        ok(harness.post(path + "setStatusMessage", app, "{\"statusMessage\":{\"message\":{\"content\":\""
                + THREE_BYTES.repeat(InputLimits.MAX_STATUS_MESSAGE) + "\",\"contentType\":\"text\"},"
                + "\"expiryDateTime\":{\"dateTime\":\"2099-01-01T00:00:00\",\"timeZone\":\"Pacific Standard Time\"}}}"));
        String me = harness.userToken(CONTOSO, user);
        String place = "p".repeat(InputLimits.MAX_PLACE_ID);
        ok(harness.post("/v1.0/me/presence/setManualLocation", me,
                "{\"workLocationType\":\"office\",\"placeId\":\"" + place + "\"}"));
        ok(harness.post("/v1.0/me/presence/setAutomaticLocation", me,
                "{\"workLocationType\":\"office\",\"placeId\":\"" + place + "\"}"));
        String reply = THREE_BYTES.repeat(InputLimits.MAX_REPLY_MESSAGE);
        ok(harness.call("PATCH", "/v1.0/users/" + user + "/mailboxSettings", calendarApp(),
                "{\"timeZone\":\"Pacific Standard Time\",\"automaticRepliesSetting\":{\"status\":\"scheduled\","
                        + "\"externalAudience\":\"all\",\"internalReplyMessage\":\"" + reply
                        + "\",\"externalReplyMessage\":\"" + reply + "\","
                        + "\"scheduledStartDateTime\":{\"dateTime\":\"2098-01-01T00:00:00\",\"timeZone\":\"Pacific Standard Time\"},"
                        + "\"scheduledEndDateTime\":{\"dateTime\":\"2099-01-01T00:00:00\",\"timeZone\":\"Pacific Standard Time\"}}}"));
    }

    private static void ok(Reply reply) {
        assertTrue(reply.status() / 100 == 2, reply::toString);
    }

    private static String calendarApp() {
        return harness.appToken(CONTOSO, FunctionHarness.APP, "Calendars.ReadWrite", "MailboxSettings.ReadWrite");
    }

    private static String eventId(int i) {
        String number = Integer.toString(i);
        return "e".repeat(MAX_BUS_EVENT_ID - number.length()) + number;
    }

    private static String graphEvent(Instant start) {
        return "{\"subject\":\"one too many\",\"showAs\":\"busy\",\"start\":{\"dateTime\":\"" + utc(start)
                + "\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"" + utc(start.plus(Duration.ofMinutes(30)))
                + "\",\"timeZone\":\"UTC\"}}";
    }

    private static String utc(Instant instant) {
        return instant.toString().replace("Z", "");
    }

    private void busEvent(String eventId, Instant start, Instant modified) {
        bus("CalendarEventChanged", "{\"tenantId\":\"" + CONTOSO + "\",\"userId\":\"" + user + "\",\"eventId\":\""
                + eventId + "\",\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30))
                + "\",\"showAs\":\"tentative\",\"isCancelled\":false,\"lastModifiedDateTime\":\"" + modified + "\"}");
    }

    private void deleteBusEvent(String eventId, Instant modified) {
        bus("CalendarEventDeleted", "{\"tenantId\":\"" + CONTOSO + "\",\"userId\":\"" + user + "\",\"eventId\":\""
                + eventId + "\",\"lastModifiedDateTime\":\"" + modified + "\"}");
    }

    private static void bus(String detailType, String detail) {
        String quoted = "\"" + detail.replace("\"", "\\\"") + "\"";
        Reply reply = harness.putEvents("{\"Entries\":[{\"Source\":\"presence.calendar\",\"DetailType\":\""
                + detailType + "\",\"Detail\":" + quoted + "}]}");
        assertEquals(200, reply.status(), reply.body());
    }

    private Map<String, AttributeValue> item() {
        return harness.context.getBean(DynamoDbClient.class).getItem(g -> g.tableName(
                harness.context.getProperty("presence.table.name", String.class).orElseThrow())
                .key(PresenceItems.userKey(user)).consistentRead(true)).item();
    }

    private static long blocksOn(Map<String, AttributeValue> item) {
        long blocks = item.keySet().stream().filter(name -> name.startsWith(PresenceItems.CALENDAR_PREFIX)).count();
        assertEquals(blocks, item.containsKey(PresenceItems.CALENDAR_IDS) ? item.get(PresenceItems.CALENDAR_IDS).ss().size() : 0,
                "the set of ids counts the blocks");
        return blocks;
    }

    /**
     * An item's size as DynamoDB counts it (its developer guide, "Item sizes"): names and strings
     * in UTF-8, a number one byte per two digits plus one, a map or list 3 bytes plus one per
     * element, sets their elements; rounded up where the guide says "approximately".
     */
    static final class ItemSize {

        static long of(Map<String, AttributeValue> item) {
            return item.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + value(e.getValue())).sum();
        }

        private static long value(AttributeValue value) {
            if (value.s() != null) {
                return utf8(value.s());
            }
            if (value.n() != null) {
                return (value.n().replaceAll("[^0-9]", "").length() + 1) / 2 + 1;
            }
            if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
                return 1;
            }
            if (value.hasSs()) {
                return value.ss().stream().mapToLong(ItemSize::utf8).sum();
            }
            if (value.hasM()) {
                return 3 + value.m().entrySet().stream().mapToLong(e -> utf8(e.getKey()) + value(e.getValue()) + 1).sum();
            }
            if (value.hasL()) {
                return 3 + value.l().stream().mapToLong(v -> value(v) + 1).sum();
            }
            throw new AssertionError("a type this item should not hold: " + value);
        }

        private static long utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
