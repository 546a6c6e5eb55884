package io.graphpresence.delivery;

import io.graphpresence.store.SubscriptionKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded part of one change's fan-out (docs/fan-out.md): a user, the change
 * (its sequence number, and when it was written), and some of the subscriptions watching that
 * user, all of one delivery group. A subscription stays in the same group of a user while the
 * user's group count does, and a group's batches are delivered one after another in the order
 * they were queued, so one subscriber hears of one user's changes in order while the groups
 * run in parallel.
 *
 * @param group which of the user's groups, from 0
 */
public record FanOutBatch(String userId, String sequenceNumber, Instant changedAt, int group,
                          List<SubscriptionKey> subscriptions) {

    /**
     * Notifications one stream invocation posts itself at most; a user past them goes to the
     * queue. With 64 POSTs at once, each given a second, at most 4 s even if every endpoint hangs.
     */
    public static final int INLINE_MAX = 250;
    /**
     * Subscriptions a batch names at most: one fan-out invocation's work, at most 8 s of POSTs
     * even if every endpoint hangs (ceil(500 / 64) rounds of a second), and about 56 KB of message.
     */
    public static final int BATCH = 500;
    /**
     * Groups of one user at most, delivered in parallel: 100,000 watchers make 256 groups of one
     * batch each; 128,000 and fewer are delivered in one round.
     */
    public static final int GROUPS = 256;

    private static final String FIELDS = "\t";

    public FanOutBatch {
        subscriptions = List.copyOf(subscriptions);
    }

    /** The queue's message group: this user's group, so other users and groups never wait for it. */
    public String groupId() {
        return userId + "#" + group;
    }

    /**
     * Splits one change's watchers into batches of at most {@code batchSize}, each within one of
     * the user's groups ({@link #groupsFor}); a group's watchers are spread evenly over as few
     * batches as the bound allows.
     */
    public static List<FanOutBatch> split(String userId, String sequenceNumber, Instant changedAt,
                                          List<SubscriptionKey> watchers, int maxGroups, int batchSize) {
        if (maxGroups < 1 || batchSize < 1) {
            throw new IllegalArgumentException("groups and batch size must be at least 1");
        }
        int groups = groupsFor(watchers.size(), maxGroups, batchSize);
        Map<Integer, List<SubscriptionKey>> byGroup = new LinkedHashMap<>();
        for (SubscriptionKey key : watchers) {
            byGroup.computeIfAbsent(groupOf(key.id(), groups), g -> new ArrayList<>()).add(key);
        }
        List<FanOutBatch> batches = new ArrayList<>();
        byGroup.forEach((group, keys) -> {
            int parts = (keys.size() + batchSize - 1) / batchSize;
            int each = (keys.size() + parts - 1) / parts;
            for (int from = 0; from < keys.size(); from += each) {
                batches.add(new FanOutBatch(userId, sequenceNumber, changedAt, group,
                        keys.subList(from, Math.min(from + each, keys.size()))));
            }
        });
        return batches;
    }

    /**
     * As many groups as one batch each needs, up to {@code maxGroups}: a power of two, so that
     * when a user's watchers grow past the next one, a subscription's group either stays or
     * moves by the old count, and half of them keep their group (and its order) across the change.
     */
    public static int groupsFor(int watchers, int maxGroups, int batchSize) {
        int groups = 1;
        while (groups < maxGroups && (long) groups * batchSize < watchers) {
            groups = Math.min(groups * 2, maxGroups);
        }
        return groups;
    }

    /** A subscription's group: its id's hash, which {@link String#hashCode} defines the same everywhere. */
    static int groupOf(String subscriptionId, int groups) {
        return Math.floorMod(subscriptionId.hashCode(), groups);
    }

    /**
     * The message body: a header line (user, sequence number, change time, group), then one line
     * per subscription (tenant, application, id), fields tab-separated: ids hold neither tabs nor
     * line breaks. Two changes of a user differ in their header, so the queue never takes one
     * for a repeat of the other.
     */
    public String toMessage() {
        StringBuilder body = new StringBuilder(64 + subscriptions.size() * 112)
                .append(String.join(FIELDS, userId, sequenceNumber, Long.toString(changedAt.toEpochMilli()),
                        Integer.toString(group)));
        for (SubscriptionKey key : subscriptions) {
            body.append('\n').append(String.join(FIELDS, key.tenantId(), key.appId(), key.id()));
        }
        return body.toString();
    }

    /** @throws IllegalArgumentException for a body no fan-out wrote */
    public static FanOutBatch fromMessage(String body) {
        String[] lines = body == null ? new String[0] : body.split("\n");
        String[] header = lines.length == 0 ? new String[0] : lines[0].split(FIELDS, -1);
        if (header.length != 4) {
            throw new IllegalArgumentException("Not a fan-out batch: " + body);
        }
        List<SubscriptionKey> keys = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] key = lines[i].split(FIELDS, -1);
            if (key.length != 3) {
                throw new IllegalArgumentException("Not a subscription key: " + lines[i]);
            }
            keys.add(new SubscriptionKey(key[0], key[1], key[2]));
        }
        try {
            return new FanOutBatch(header[0], header[1], Instant.ofEpochMilli(Long.parseLong(header[2])),
                    Integer.parseInt(header[3]), keys);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a fan-out batch: " + body, e);
        }
    }
}
