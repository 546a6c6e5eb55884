package io.graphpresence.store;

import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.DuplicateSubscriptionException;
import io.graphpresence.notify.QuotaExceededException;
import io.graphpresence.notify.Subscription;
import io.graphpresence.notify.SubscriptionNotFoundException;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Change notifications (spec section 6): subscriptions, the watches of the users they watch,
 * and their delivery state with what is pending. Any storage outage is a
 * {@link StoreUnavailableException}.
 */
public interface SubscriptionStore {

    /**
     * Stores a new subscription with a watch per user it watches, counted against its
     * application's quota in the same transaction.
     *
     * @param quota how many subscriptions its application (per tenant) may have at once
     * @throws DuplicateSubscriptionException when its application already has a live subscription for
     *                                        its delegated user
     * @throws QuotaExceededException         when its application has {@code quota} subscriptions already
     */
    void createSubscription(Subscription subscription, Instant now, int quota);

    /** The subscription, if the application has one by that id (expired ones included until removed). */
    Optional<Subscription> findSubscription(SubscriptionKey key);

    /**
     * Up to {@code limit} of the application's subscriptions (expired ones included until
     * removed), in id order, after the id {@code afterId} (null: from the first): one Query.
     */
    SubscriptionPage listSubscriptions(String tenantId, String appId, String afterId, int limit);

    /** @throws SubscriptionNotFoundException when it was deleted meanwhile */
    void renewSubscription(Subscription subscription);

    /** Removes it with its watches, its delegated claim and whatever was pending for it. */
    void deleteSubscription(Subscription subscription);

    /**
     * Where the unexpired subscriptions watching each user are kept, as their watches say: one
     * query per user (more only past 1 MB of watches), no subscription read. A fan-out splits
     * these keys into batches before anything else is read.
     */
    Map<String, List<SubscriptionKey>> watcherKeys(Collection<String> userIds, Instant now);

    /**
     * The unexpired ones of these subscriptions, each read once: one batched read per 100
     * distinct keys. A key whose subscription is gone or expired is left out.
     */
    Map<SubscriptionKey, Subscription> liveSubscriptions(Collection<SubscriptionKey> keys, Instant now);

    /** Records how deliveries go, leaving its expiry to renewals. */
    void recordDelivery(Subscription subscription, DeliveryState state);

    /** Keeps one pending notification per user, a newer one replacing the older. */
    void putPending(Subscription subscription, List<String> userIds, Instant now);

    /** The users with a pending notification, each with the marker of the change it stands for. */
    Map<String, String> pending(Subscription subscription);

    /** Drops the delivered ones, unless a newer change replaced one meanwhile. */
    void removePending(Subscription subscription, Map<String, String> delivered);
}
