package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the items a DynamoDB stream record carries. Lambda hands them over in the events
 * library's own attribute type; they become the SDK's here so that one mapping
 * ({@link PresenceItems}) reads both.
 */
public final class StreamImages {

    private StreamImages() {
    }

    /** The user the image is of, or empty when it is another kind of item (or none). */
    public static Optional<ChangedUser> user(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = toSdk(image);
        AttributeValue pk = item.get(TableLayout.PARTITION_KEY);
        AttributeValue sk = item.get(TableLayout.SORT_KEY);
        if (pk == null || sk == null || !pk.s().startsWith(PresenceItems.USER_PREFIX)
                || !PresenceItems.USER_SORT.equals(sk.s()) || !item.containsKey(PresenceItems.TENANT_ID)) {
            return Optional.empty();
        }
        AttributeValue shown = item.get(PresenceItems.SHOWN);
        AttributeValue due = item.get(DueIndex.DUE_AT);
        return Optional.of(new ChangedUser(PresenceItems.toUserRecord(item), shown == null ? null : shown.s(),
                due == null ? null : Instant.ofEpochMilli(Long.parseLong(due.n()))));
    }

    /**
     * The timer a write calls for: its item's new due moment, when it has one the write moved
     * (a write that leaves it where it was already set one).
     */
    public static Optional<DueTimer> dueTimer(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> newImage,
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> oldImage) {
        if (newImage == null || !newImage.containsKey(DueIndex.DUE_AT)) {
            return Optional.empty();
        }
        String due = newImage.get(DueIndex.DUE_AT).getN();
        if (oldImage != null && oldImage.containsKey(DueIndex.DUE_AT) && due.equals(oldImage.get(DueIndex.DUE_AT).getN())) {
            return Optional.empty();
        }
        var pk = newImage.get(TableLayout.PARTITION_KEY);
        var sk = newImage.get(TableLayout.SORT_KEY);
        if (pk == null || sk == null || pk.getS() == null || sk.getS() == null) {
            return Optional.empty();
        }
        return Optional.of(new DueTimer(pk.getS(), sk.getS(), Instant.ofEpochMilli(Long.parseLong(due))));
    }

    static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> item = new HashMap<>();
        image.forEach((name, value) -> item.put(name, toSdk(value)));
        return item;
    }

    private static AttributeValue toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(toSdk(v.getM()));
        }
        if (v.getL() != null) {
            return AttributeValue.fromL(v.getL().stream().map(StreamImages::toSdk).toList());
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        return AttributeValue.fromNul(true);
    }
}
