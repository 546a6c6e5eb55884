package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TokenIssuer;
import io.graphpresence.presence.Activity;
import io.graphpresence.presence.AutomaticReplies;
import io.graphpresence.presence.CalendarBlock;
import io.graphpresence.presence.ShowAs;
import io.graphpresence.presence.TimeZones;
import io.graphpresence.presence.WorkLocation;
import io.graphpresence.presence.Availability;
import io.graphpresence.presence.DateTimeTimeZone;
import io.graphpresence.presence.PreferredPresence;
import io.graphpresence.presence.PresencePair;
import io.graphpresence.presence.PresenceState;
import io.graphpresence.presence.Session;
import io.graphpresence.presence.StatusMessage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How domain records map to DynamoDB items. A user is one item holding their directory
 * entry and their whole presence (sessions keyed by id in a map), so that a read is one
 * GetItem and a batch of 100 users one BatchGetItem.
 */
final class PresenceItems {

    static final String USER_PREFIX = "USER#";
    static final String USER_SORT = "USER";
    static final String TENANT_PREFIX = "TENANT#";
    static final String TENANT_SORT = "TENANT";
    // a verified domain is an item of its own, so that one conditional write can claim it
    static final String DOMAIN_PREFIX = "DOMAIN#";
    static final String DOMAIN_SORT = "DOMAIN";
    static final String OWNER = "owner";

    static final String TENANT_ID = "tenantId";
    static final String UPN = "upn";
    static final String DISPLAY_NAME = "displayName";
    static final String SESSIONS = "sessions";
    static final String PREFERRED = "preferred";
    static final String STATUS = "status";
    static final String VERSION = "ver";
    static final String WRITTEN_AT = "writtenAt";
    // change notifications: the fingerprint of the presence last notified, and a mark the
    // schedule writes when time alone changed it, so that the stream carries the change
    static final String SHOWN = "shown";
    static final String TICK = "tick";
    /** The due moment the last {@link #TICK} answered: each moment is marked once. */
    static final String MARKED_DUE = "markedDue";
    static final String DOMAINS = "domains";
    static final String ACCESS_MODE = "accessMode";
    static final String ACCESS_DOMAINS = "accessDomains";
    static final String ISSUERS = "issuers";
    // automatic replies are flat attributes, so a PATCH sets just the fields it names
    static final String MAILBOX_TIME_ZONE = "mailboxTimeZone";
    static final String OOF_STATUS = "oofStatus";
    static final String OOF_AUDIENCE = "oofAudience";
    static final String OOF_INTERNAL = "oofInternalMessage";
    static final String OOF_EXTERNAL = "oofExternalMessage";
    static final String OOF_START = "oofStart";
    static final String OOF_END = "oofEnd";
    static final String OOF_MODIFIED = "oofModifiedAt";
    // each near calendar event is a top-level attribute of its own ("cal#<eventId>"), so one
    // can be set or removed without a map that must exist first
    static final String CALENDAR_PREFIX = "cal#";
    // the ids of the events whose blocks are on the item, as a string set: a condition can
    // count them (size), which it cannot do for attributes by prefix
    static final String CALENDAR_IDS = "calIds";
    static final String LOCATION_MANUAL = "locManual";
    static final String LOCATION_AUTOMATIC = "locAuto";

    private PresenceItems() {
    }

    static Map<String, AttributeValue> userKey(String userId) {
        return key(USER_PREFIX + userId, USER_SORT);
    }

    static Map<String, AttributeValue> tenantKey(String tenantId) {
        return key(TENANT_PREFIX + tenantId, TENANT_SORT);
    }

    static Map<String, AttributeValue> domainKey(String domain) {
        return key(DOMAIN_PREFIX + domain, DOMAIN_SORT);
    }

    /** The claim of a verified domain: which tenant owns it. */
    static Map<String, AttributeValue> domain(String domain, String tenantId) {
        Map<String, AttributeValue> item = new HashMap<>(domainKey(domain));
        item.put(OWNER, s(tenantId));
        return item;
    }

    /** The tenant owning a domain item, or null for no item. */
    static String owner(Map<String, AttributeValue> item) {
        return item == null ? null : str(item, OWNER);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableLayout.PARTITION_KEY, s(pk), TableLayout.SORT_KEY, s(sk));
    }

    static DirectoryUser toDirectoryUser(Map<String, AttributeValue> item) {
        String id = item.get(TableLayout.PARTITION_KEY).s().substring(USER_PREFIX.length());
        return new DirectoryUser(id, str(item, TENANT_ID), str(item, UPN), str(item, DISPLAY_NAME));
    }

    static UserRecord toUserRecord(Map<String, AttributeValue> item) {
        DirectoryUser user = toDirectoryUser(item);
        String zone = str(item, MAILBOX_TIME_ZONE);
        return new UserRecord(user, toPresence(item, zone), zone);
    }

    private static PresenceState toPresence(Map<String, AttributeValue> item, String mailboxTimeZone) {
        List<Session> sessions = new ArrayList<>();
        AttributeValue stored = item.get(SESSIONS);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((id, value) -> sessions.add(toSession(id, value.m())));
        }
        ZoneId zone = mailboxTimeZone == null ? ZoneOffset.UTC : TimeZones.resolve(mailboxTimeZone);
        return new PresenceState(sessions, toPreferred(item.get(PREFERRED)), toStatus(item.get(STATUS)),
                toAutomaticReplies(item), toCalendar(item), toLocation(item.get(LOCATION_MANUAL), WorkLocation.Source.manual, zone),
                toLocation(item.get(LOCATION_AUTOMATIC), WorkLocation.Source.automatic, zone),
                num(item, VERSION), Instant.ofEpochMilli(num(item, WRITTEN_AT)));
    }

    static String calendarAttribute(String eventId) {
        return CALENDAR_PREFIX + eventId;
    }

    static AttributeValue block(CalendarBlock block) {
        return AttributeValue.fromM(Map.of("s", millis(block.start()), "e", millis(block.end()),
                "show", s(block.showAs().name())));
    }

    private static List<CalendarBlock> toCalendar(Map<String, AttributeValue> item) {
        List<CalendarBlock> blocks = new ArrayList<>();
        item.forEach((name, value) -> {
            if (name.startsWith(CALENDAR_PREFIX) && value.hasM()) {
                Map<String, AttributeValue> m = value.m();
                blocks.add(new CalendarBlock(name.substring(CALENDAR_PREFIX.length()), instant(m, "s"), instant(m, "e"),
                        ShowAs.valueOf(m.get("show").s())));
            }
        });
        return blocks;
    }

    static AttributeValue location(WorkLocation.Type type, String placeId, Instant setAt) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("type", s(type.name()));
        m.put("setAt", millis(setAt));
        if (placeId != null) {
            m.put("placeId", s(placeId));
        }
        return AttributeValue.fromM(m);
    }

    /** A location holds until midnight in the mailbox's time zone as it is when read. */
    private static WorkLocation toLocation(AttributeValue value, WorkLocation.Source source, ZoneId zone) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new WorkLocation(WorkLocation.Type.valueOf(m.get("type").s()), source,
                m.containsKey("placeId") ? m.get("placeId").s() : null, WorkLocation.endOfDay(instant(m, "setAt"), zone));
    }

    static AttributeValue session(Session session) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("av", s(session.pair().availability().name()));
        m.put("ac", s(session.pair().activity().name()));
        m.put("updatedAt", millis(session.updatedAt()));
        m.put("startsAt", millis(session.startsAt()));
        m.put("expiresAt", millis(session.expiresAt()));
        m.put("fades", AttributeValue.fromBool(session.fades()));
        return AttributeValue.fromM(m);
    }

    private static Session toSession(String id, Map<String, AttributeValue> m) {
        return new Session(id, pair(m), instant(m, "updatedAt"), instant(m, "startsAt"), instant(m, "expiresAt"),
                m.get("fades").bool());
    }

    static AttributeValue preferred(PreferredPresence preferred) {
        return AttributeValue.fromM(Map.of(
                "av", s(preferred.pair().availability().name()),
                "ac", s(preferred.pair().activity().name()),
                "setAt", millis(preferred.setAt()),
                "expiresAt", millis(preferred.expiresAt())));
    }

    private static PreferredPresence toPreferred(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new PreferredPresence(pair(m), instant(m, "setAt"), instant(m, "expiresAt"));
    }

    static AttributeValue status(StatusMessage message) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("content", s(message.content()));
        m.put("contentType", s(message.contentType()));
        m.put("publishedAt", millis(message.publishedAt()));
        if (message.expiry() != null) {
            m.put("expiryDateTime", s(message.expiry().dateTime()));
            m.put("expiryTimeZone", s(message.expiry().timeZone()));
            m.put("expiresAt", millis(message.expiry().instant()));
        }
        return AttributeValue.fromM(m);
    }

    private static StatusMessage toStatus(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        DateTimeTimeZone expiry = m.containsKey("expiresAt")
                ? new DateTimeTimeZone(m.get("expiryDateTime").s(), m.get("expiryTimeZone").s(), instant(m, "expiresAt"))
                : null;
        return new StatusMessage(m.get("content").s(), m.get("contentType").s(), expiry, instant(m, "publishedAt"));
    }

    private static AutomaticReplies toAutomaticReplies(Map<String, AttributeValue> item) {
        String status = str(item, OOF_STATUS);
        if (status == null) {
            return null;
        }
        String audience = str(item, OOF_AUDIENCE);
        return new AutomaticReplies(AutomaticReplies.Status.valueOf(status),
                audience == null ? AutomaticReplies.Audience.all : AutomaticReplies.Audience.valueOf(audience),
                str(item, OOF_INTERNAL), str(item, OOF_EXTERNAL),
                toDateTimeTimeZone(item.get(OOF_START)), toDateTimeTimeZone(item.get(OOF_END)));
    }

    static AttributeValue dateTimeTimeZone(DateTimeTimeZone value) {
        return AttributeValue.fromM(Map.of("dateTime", s(value.dateTime()), "timeZone", s(value.timeZone()),
                "at", millis(value.instant())));
    }

    static DateTimeTimeZone toDateTimeTimeZone(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new DateTimeTimeZone(m.get("dateTime").s(), m.get("timeZone").s(), instant(m, "at"));
    }

    static Map<String, AttributeValue> tenant(Tenant tenant) {
        Map<String, AttributeValue> item = new HashMap<>(tenantKey(tenant.id()));
        item.put(DISPLAY_NAME, s(tenant.displayName()));
        item.put(DOMAINS, strings(tenant.domains()));
        item.put(ACCESS_MODE, s(tenant.externalAccess().mode().name()));
        item.put(ACCESS_DOMAINS, strings(tenant.externalAccess().domains()));
        item.put(ISSUERS, AttributeValue.fromL(tenant.issuers().stream()
                .map(i -> AttributeValue.fromM(Map.of("issuer", s(i.issuer()), "jwksUrl", s(i.jwksUrl()))))
                .toList()));
        return item;
    }

    static Tenant toTenant(Map<String, AttributeValue> item) {
        String id = item.get(TableLayout.PARTITION_KEY).s().substring(TENANT_PREFIX.length());
        ExternalAccess access = new ExternalAccess(ExternalAccess.Mode.valueOf(str(item, ACCESS_MODE)),
                strings(item.get(ACCESS_DOMAINS)));
        AttributeValue issuers = item.get(ISSUERS);
        List<TokenIssuer> accepted = issuers == null || !issuers.hasL() ? List.of() : issuers.l().stream()
                .map(i -> new TokenIssuer(i.m().get("issuer").s(), i.m().get("jwksUrl").s())).toList();
        return new Tenant(id, str(item, DISPLAY_NAME), strings(item.get(DOMAINS)), access, accepted);
    }

    private static PresencePair pair(Map<String, AttributeValue> m) {
        return new PresencePair(Availability.valueOf(m.get("av").s()), Activity.valueOf(m.get("ac").s()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue millis(Instant instant) {
        return n(instant.toEpochMilli());
    }

    static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    private static List<String> strings(AttributeValue value) {
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> m, String name) {
        return Instant.ofEpochMilli(num(m, name));
    }
}
