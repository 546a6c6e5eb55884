package io.graphpresence.infra;

import java.util.List;
import java.util.Map;

/**
 * The DynamoDB actions each function's code performs, and nothing more: what its role may
 * do on the table, and, for the few that query an index, on that index alone. Reads include
 * BatchGetItem because a cross-tenant read loads the tenants' policies in one batch. A
 * TransactWriteItems call needs the actions of the writes inside it (PutItem for a Put,
 * ConditionCheckItem only for a ConditionCheck); BatchWriteItem covers its puts and deletes.
 */
public final class FunctionPermissions {

    static final String AUTHORIZER = "io.graphpresence.api.TokenAuthorizerFunction";
    /** The table's stream consumer: notifies watchers of a change (not behind the API). */
    static final String STREAM_CONSUMER = "io.graphpresence.delivery.PresenceStreamFunction";
    /** Runs every minute: what time alone changed, subscription expiry, retries (not behind the API). */
    static final String SCHEDULE = "io.graphpresence.delivery.PresenceScheduleFunction";
    /** The timer queue's consumer: applies one item's due change at its moment (not behind the API). */
    static final String TIMERS = "io.graphpresence.delivery.DueTimerFunction";
    /** The fan-out queue's consumer: delivers one bounded batch of a change (not behind the API). */
    static final String FAN_OUT = "io.graphpresence.delivery.FanOutFunction";
    /** Applies what calendar systems put on the calendar event bus (not behind the API). */
    static final String CALENDAR_BUS = "io.graphpresence.calendar.CalendarBusFunction";
    /** JSON batching: runs every Graph operation's function in its own process (not the admin API's). */
    static final String BATCH = "io.graphpresence.batch.BatchFunction";
    /** Presence paths Graph's metadata has but Graph refuses: answers without touching the table. */
    static final String UNSUPPORTED = "io.graphpresence.api.UnsupportedPresenceOperationFunction";
    /** Throttling's shared counters are the only items whose partition key starts with this. */
    static final String THROTTLE_KEY_PREFIX = "THROTTLE#";
    /** Adding to a throttling counter: one UpdateItem, allowed on those items alone. */
    static final List<String> THROTTLE_COUNTER = List.of("dynamodb:UpdateItem");
    /** The sparse "next change at" index: partition key dueShard, sort key dueAt, keys only. */
    static final String DUE_INDEX = "due";

    private static final List<String> UPDATE = List.of("dynamodb:UpdateItem");
    // a calendar event and its user's item in one transaction: a Put of the event (or of its
    // tombstone) and an Update of the user's item
    private static final List<String> WRITE_EVENT = List.of("dynamodb:PutItem", "dynamodb:UpdateItem");
    // the stored event first (GetItem), then the same transaction
    private static final List<String> CHANGE_EVENT = List.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem");
    private static final List<String> CLAIM_DOMAINS = List.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");

    // a renewal (PATCH, or reauthorize): read it (GetItem), put it back (PutItem), put its
    // watches again (BatchWriteItem) and move its delegated claim's expiry (UpdateItem)
    private static final List<String> RENEW_SUBSCRIPTION = List.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:BatchWriteItem", "dynamodb:UpdateItem");

    private static final Map<String, List<String>> ACTIONS = Map.ofEntries(
            Map.entry(AUTHORIZER, List.of("dynamodb:GetItem")),
            Map.entry("io.graphpresence.api.GetPresenceFunction", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem")),
            Map.entry("io.graphpresence.api.GetPresencesByUserIdFunction", List.of("dynamodb:BatchGetItem")),
            Map.entry("io.graphpresence.api.SetPresenceFunction", UPDATE),
            Map.entry("io.graphpresence.api.ClearPresenceFunction", UPDATE),
            Map.entry("io.graphpresence.api.SetUserPreferredPresenceFunction", UPDATE),
            Map.entry("io.graphpresence.api.ClearUserPreferredPresenceFunction", UPDATE),
            Map.entry("io.graphpresence.api.SetStatusMessageFunction", UPDATE),
            Map.entry("io.graphpresence.api.GetMailboxSettingsFunction", List.of("dynamodb:GetItem")),
            // the PATCH answers with the settings it wrote: one write, then one read
            Map.entry("io.graphpresence.api.UpdateMailboxSettingsFunction", List.of("dynamodb:UpdateItem",
                    "dynamodb:GetItem")),
            // work location: one update of the user's item
            Map.entry("io.graphpresence.api.SetManualLocationFunction", UPDATE),
            Map.entry("io.graphpresence.api.SetAutomaticLocationFunction", UPDATE),
            Map.entry("io.graphpresence.api.ClearLocationFunction", UPDATE),
            Map.entry("io.graphpresence.api.ClearAutomaticLocationFunction", UPDATE),
            // calendar events, through Graph's event API or the calendar event bus
            Map.entry("io.graphpresence.calendar.CreateEventFunction", WRITE_EVENT),
            Map.entry("io.graphpresence.calendar.GetEventFunction", List.of("dynamodb:GetItem")),
            Map.entry("io.graphpresence.calendar.UpdateEventFunction", CHANGE_EVENT),
            Map.entry("io.graphpresence.calendar.DeleteEventFunction", CHANGE_EVENT),
            // a changed or deleted event (Put and Update in one transaction) or automatic replies (Update)
            Map.entry(CALENDAR_BUS, WRITE_EVENT),
            Map.entry(UNSUPPORTED, List.of()),
            Map.entry("io.graphpresence.admin.CreateTenantFunction", CLAIM_DOMAINS),
            Map.entry("io.graphpresence.admin.AssignDomainsFunction", CLAIM_DOMAINS),
            Map.entry("io.graphpresence.admin.GetTenantFunction", List.of("dynamodb:GetItem")),
            // the caller's own tenant (GetItem), then, for an operator, every tenant or user of
            // one tenant: a Scan of the table with a filter (directories are small; an index is
            // the next step if that stops being true)
            Map.entry("io.graphpresence.admin.ListTenantsFunction", List.of("dynamodb:GetItem", "dynamodb:Scan")),
            Map.entry("io.graphpresence.admin.ListUsersFunction", List.of("dynamodb:GetItem", "dynamodb:Scan")),
            Map.entry("io.graphpresence.admin.SetExternalAccessFunction", UPDATE),
            Map.entry("io.graphpresence.admin.PutUserFunction", List.of("dynamodb:GetItem", "dynamodb:UpdateItem")),
            // the user's item (GetItem, then DeleteItem last), and what is theirs, each found by a Query
            // of a partition named after them: the subscriptions they made (GetItem and DeleteItem of
            // each, its watches and pending notifications by BatchWriteItem), the watches of them (the
            // subscriptions they name read by BatchGetItem, each to stop listing them by UpdateItem),
            // their pending notifications and calendar events (BatchWriteItem)
            Map.entry("io.graphpresence.admin.DeleteUserFunction", List.of("dynamodb:GetItem", "dynamodb:Query",
                    "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem",
                    "dynamodb:UpdateItem")),
            // change notifications: watches first (BatchWriteItem, which also takes them back when
            // the transaction is refused), then the subscription and its delegated claim in one
            // transaction of two conditional Puts; webhook validation is outbound HTTPS only
            Map.entry("io.graphpresence.subscriptions.CreateSubscriptionFunction", List.of("dynamodb:PutItem",
                    "dynamodb:BatchWriteItem")),
            Map.entry("io.graphpresence.subscriptions.ListSubscriptionsFunction", List.of("dynamodb:Query")),
            Map.entry("io.graphpresence.subscriptions.GetSubscriptionFunction", List.of("dynamodb:GetItem")),
            Map.entry("io.graphpresence.subscriptions.UpdateSubscriptionFunction", RENEW_SUBSCRIPTION),
            Map.entry("io.graphpresence.subscriptions.ReauthorizeSubscriptionFunction", RENEW_SUBSCRIPTION),
            // read it, delete it and its claim, then its watches (BatchWriteItem) and its pending
            // notifications, found by a Query
            Map.entry("io.graphpresence.subscriptions.DeleteSubscriptionFunction", List.of("dynamodb:GetItem",
                    "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:Query")),
            // the watches of a changed user (Query) and their subscriptions and tenants
            // (BatchGetItem); pending notifications (BatchWriteItem); delivery state and what was
            // notified (UpdateItem). Reading the stream itself is granted by the event source.
            Map.entry(STREAM_CONSUMER, List.of("dynamodb:Query", "dynamodb:BatchGetItem",
                    "dynamodb:BatchWriteItem", "dynamodb:UpdateItem")),
            // what is due comes from the index (below); then the subscription (GetItem), marks and
            // delivery state (UpdateItem), a calendar event coming near (GetItem of the event, UpdateItem
            // of its user's item and of the event), expiry and delivered notifications (DeleteItem,
            // BatchWriteItem), pending notifications (Query) and their users and tenants (BatchGetItem)
            Map.entry(SCHEDULE, List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem")),
            // what the schedule does for one due item, without the index: the message names it
            Map.entry(TIMERS, List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem")),
            // the batch names its user and subscriptions: they and the tenants are read
            // (BatchGetItem), a failing one's notifications kept pending (BatchWriteItem) and its
            // delivery state recorded (UpdateItem); no query, no index
            Map.entry(FAN_OUT, List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem")));

    /** The actions a handler performs on an index, by index name: only the schedule reads one. */
    private static final Map<String, Map<String, List<String>>> INDEX_ACTIONS = Map.of(
            SCHEDULE, Map.of(DUE_INDEX, List.of("dynamodb:Query")));

    private FunctionPermissions() {
    }

    /** @throws IllegalArgumentException for a handler nobody has said the needs of */
    public static List<String> of(String handlerClass) {
        if (BATCH.equals(handlerClass)) {
            return batchedActions();
        }
        List<String> actions = ACTIONS.get(handlerClass);
        if (actions == null) {
            throw new IllegalArgumentException("No DynamoDB permissions are listed for " + handlerClass
                    + ": add them to FunctionPermissions.");
        }
        return actions;
    }

    /**
     * Whether a handler counts its callers' calls against their throttling limits: every
     * function behind a Graph route, the batch function for its inner requests; not the admin
     * API, nor what runs outside the API.
     */
    public static boolean countsCalls(String handlerClass) {
        return BATCH.equals(handlerClass) || isGraphOperation(handlerClass);
    }

    private static boolean isGraphOperation(String handlerClass) {
        return ACTIONS.containsKey(handlerClass) && !handlerClass.startsWith("io.graphpresence.admin.")
                && !List.of(AUTHORIZER, STREAM_CONSUMER, SCHEDULE, TIMERS, FAN_OUT, CALENDAR_BUS).contains(handlerClass);
    }

    /** What the batch function's inner requests do: the union of every Graph operation's actions. */
    private static List<String> batchedActions() {
        return ACTIONS.entrySet().stream().filter(entry -> isGraphOperation(entry.getKey()))
                .flatMap(entry -> entry.getValue().stream()).distinct().sorted().toList();
    }

    /** The actions a handler performs on each index it reads, by index name; empty for most. */
    public static Map<String, List<String>> onIndexes(String handlerClass) {
        of(handlerClass);
        return INDEX_ACTIONS.getOrDefault(handlerClass, Map.of());
    }
}
