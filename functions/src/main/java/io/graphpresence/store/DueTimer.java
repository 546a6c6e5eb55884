package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A short timer for one item's next change: which item (its table key, opaque outside the
 * store) and the moment it is due. It travels as the body of a delayed queue message; when it
 * fires it becomes the {@link DueWork} of that one item, which is applied only if the item is
 * still due at that moment (docs/time-driven.md).
 */
public record DueTimer(String partitionKey, String sortKey, Instant dueAt) {

    /** SQS delays a message 15 minutes at most: further ahead, the sweep brings the change. */
    public static final Duration LONGEST = Duration.ofMinutes(15);
    /** SQS delays are whole seconds: a timer may arrive up to this much before its moment. */
    public static final Duration DELAY_GRANULARITY = Duration.ofSeconds(1);

    /** The message body: the due moment, then the key, one a line (a sort key may hold anything else). */
    public String toMessage() {
        return dueAt.toEpochMilli() + "\n" + partitionKey + "\n" + sortKey;
    }

    /** @throws IllegalArgumentException for a body no timer wrote */
    public static DueTimer fromMessage(String body) {
        String[] parts = body == null ? new String[0] : body.split("\n", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a timer: " + body);
        }
        try {
            return new DueTimer(parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[0])));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a timer: " + body, e);
        }
    }

    /** Whether it is worth a timer at {@code now}: due within {@link #LONGEST}. */
    public boolean within(Instant now) {
        return !dueAt.isAfter(now.plus(LONGEST));
    }

    /** What is due when it fires: its one item. */
    public DueWork work() {
        List<DueWork.DueUser> users = new ArrayList<>();
        List<SubscriptionKey> subscriptions = new ArrayList<>();
        List<DueWork.DueEvent> events = new ArrayList<>();
        DueIndex.classify(Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(partitionKey),
                TableLayout.SORT_KEY, AttributeValue.fromS(sortKey),
                DueIndex.DUE_AT, PresenceItems.millis(dueAt)), users, subscriptions, events);
        return new DueWork(users, subscriptions, events);
    }
}
