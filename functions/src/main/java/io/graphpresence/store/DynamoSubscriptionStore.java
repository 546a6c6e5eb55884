package io.graphpresence.store;

import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.Subscription;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.graphpresence.store.TableAccess.guarded;
import static io.graphpresence.store.TableAccess.run;

/** {@link SubscriptionStore} on the one table; see {@link SubscriptionItems} for the layout. */
@Singleton
public class DynamoSubscriptionStore implements SubscriptionStore {

    private final NotificationTable notifications;

    public DynamoSubscriptionStore(TableAccess table) {
        this.notifications = new NotificationTable(table.dynamo(), table.table(), table.batchReader(), table.dueShards());
    }

    @Override
    public void createSubscription(Subscription subscription, Instant now, int quota) {
        run(() -> notifications.create(subscription, now, quota));
    }

    @Override
    public Optional<Subscription> findSubscription(SubscriptionKey key) {
        return Optional.ofNullable(guarded(() -> notifications.find(key)));
    }

    @Override
    public SubscriptionPage listSubscriptions(String tenantId, String appId, String afterId, int limit) {
        return guarded(() -> notifications.list(tenantId, appId, afterId, limit));
    }

    @Override
    public void renewSubscription(Subscription subscription) {
        run(() -> notifications.renew(subscription));
    }

    @Override
    public void deleteSubscription(Subscription subscription) {
        run(() -> notifications.delete(subscription));
    }

    @Override
    public Map<String, List<SubscriptionKey>> watcherKeys(Collection<String> userIds, Instant now) {
        return guarded(() -> notifications.watcherKeys(userIds, now));
    }

    @Override
    public Map<SubscriptionKey, Subscription> liveSubscriptions(Collection<SubscriptionKey> keys, Instant now) {
        return guarded(() -> notifications.live(keys, now));
    }

    @Override
    public void recordDelivery(Subscription subscription, DeliveryState state) {
        run(() -> notifications.recordDelivery(subscription, state));
    }

    @Override
    public void putPending(Subscription subscription, List<String> userIds, Instant now) {
        run(() -> notifications.putPending(subscription, userIds, now));
    }

    @Override
    public Map<String, String> pending(Subscription subscription) {
        return guarded(() -> notifications.pending(subscription));
    }

    @Override
    public void removePending(Subscription subscription, Map<String, String> delivered) {
        run(() -> notifications.removePending(subscription, delivered));
    }
}
