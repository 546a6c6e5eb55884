package io.graphpresence.delivery;

import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.access.ReaderTrust;
import io.graphpresence.api.PresenceReads;
import io.graphpresence.directory.Tenant;
import io.graphpresence.notify.EncryptedContent;
import io.graphpresence.notify.NotificationEncryptor;
import io.graphpresence.notify.NotificationPayloads;
import io.graphpresence.notify.Subscription;
import io.graphpresence.observe.MetricLine;
import io.graphpresence.observe.Metrics;
import io.graphpresence.observe.Redact;
import io.graphpresence.presence.PresenceAggregator;
import io.graphpresence.presence.PresenceView;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.StoreUnavailableException;
import io.graphpresence.store.SubscriptionKey;
import io.graphpresence.store.SubscriptionStore;
import io.graphpresence.store.UserRecord;
import io.graphpresence.webhook.WebhookClient;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Turns presence changes into deliveries (spec section 6): finds who watches each user,
 * keeps only what each subscriber may read at this moment, and sends one POST per
 * notification URL. A user watched by more subscriptions than one invocation should serve is
 * handed to the {@link FanOutQueue} in bounded batches, each delivered the same way by the
 * fan-out function. A subscription whose endpoint is failing gets nothing sent at once: its
 * changes wait as pending notifications (newest per user) for the schedule's next retry.
 */
@Singleton
public class ChangeDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeDispatcher.class);

    /** How long a POST may take before its endpoint is left to the retries. */
    public static final Duration PATIENCE = Duration.ofSeconds(1);
    /** POSTs under way at once: a fan-out to thousands queues here, not in the HTTP client's own time. */
    public static final int IN_FLIGHT = 64;

    private final SubscriptionStore subscriptions;
    private final PresenceStore presence;
    private final DirectoryStore directory;
    private final WebhookClient webhooks;
    private final JsonMapper json;
    private final Metrics metrics;
    private final FanOutQueue fanOut;

    public ChangeDispatcher(SubscriptionStore subscriptions, PresenceStore presence, DirectoryStore directory,
                            WebhookClient webhooks, JsonMapper json, Metrics metrics, FanOutQueue fanOut) {
        this.subscriptions = subscriptions;
        this.presence = presence;
        this.directory = directory;
        this.webhooks = webhooks;
        this.json = json;
        this.metrics = metrics;
        this.fanOut = fanOut;
    }

    /** One notification, and whom it is for. */
    private record Outgoing(Subscription subscription, String userId, Map<String, Object> notification) {
    }

    /**
     * Notifies every watcher of these users, whose presence readers now see differently. Users
     * are delivered here, in order, while their watchers add up to no more than the fan-out
     * queue's inline bound; each user past it goes to the queue in bounded batches
     * ({@link #deliver(FanOutBatch, Instant)}). So one call posts a bounded number of
     * notifications itself, however many watch one user or how many users changed.
     *
     * @param changedAt when the earliest of these changes was written (wall-clock time, as the
     *                  stream stamps it), for the change-to-delivery delay
     * @throws FanOutUnavailableException when a fan-out could not be queued: try the change again
     */
    public void usersChanged(Collection<UserRecord> users, Instant now, Instant changedAt) {
        if (users.isEmpty()) {
            return;
        }
        Map<String, List<SubscriptionKey>> watchers = subscriptions.watcherKeys(
                users.stream().map(u -> u.user().id()).toList(), now);
        Map<UserRecord, List<SubscriptionKey>> here = new LinkedHashMap<>();
        int inline = 0;
        for (UserRecord user : users) {
            List<SubscriptionKey> keys = watchers.getOrDefault(user.user().id(), List.of());
            if (keys.isEmpty()) {
                continue;
            }
            if (fanOut.takes(inline + keys.size())) {
                queue(user, keys, now, changedAt);
            } else {
                inline += keys.size();
                here.put(user, keys);
            }
        }
        Map<SubscriptionKey, Subscription> live = subscriptions.liveSubscriptions(
                here.values().stream().flatMap(List::stream).toList(), now);
        Map<Subscription, List<UserRecord>> bySubscription = new LinkedHashMap<>();
        here.forEach((user, keys) -> keys.stream().map(live::get).filter(Objects::nonNull)
                .forEach(sub -> bySubscription.computeIfAbsent(sub, s -> new ArrayList<>()).add(user)));
        deliver(bySubscription, now, changedAt);
    }

    /**
     * One batch of a queued fan-out: the user as stored now, to the batch's subscriptions that
     * are still live, filtered and retried as any delivery. Reading the user now, not at the
     * change, keeps each subscriber's sequence numbers from going back, however late the batch.
     */
    public void deliver(FanOutBatch batch, Instant now) {
        UserRecord user = presence.findUsers(List.of(batch.userId())).get(batch.userId());
        if (user == null) {
            return;
        }
        Map<Subscription, List<UserRecord>> bySubscription = new LinkedHashMap<>();
        subscriptions.liveSubscriptions(batch.subscriptions(), now).values()
                .forEach(sub -> bySubscription.put(sub, List.of(user)));
        deliver(bySubscription, now, batch.changedAt());
    }

    private void queue(UserRecord user, List<SubscriptionKey> keys, Instant now, Instant changedAt) {
        String sequenceNumber = PresenceAggregator.view(user.presence(), now).sequenceNumber();
        List<FanOutBatch> batches = fanOut.split(user.user().id(), sequenceNumber, changedAt, keys);
        fanOut.send(batches);
        metrics.emit(MetricLine.of().count("FanOutBatchesQueued", batches.size()));
    }

    private void deliver(Map<Subscription, List<UserRecord>> bySubscription, Instant now, Instant changedAt) {
        if (bySubscription.isEmpty()) {
            return;
        }
        Map<String, Tenant> tenants = tenantsOf(bySubscription);
        List<Outgoing> outgoing = new ArrayList<>();
        MetricLine tally = MetricLine.of();
        bySubscription.forEach((sub, watched) -> {
            List<Outgoing> forSub;
            try {
                forSub = notifications(sub, watched, tenants, now);
            } catch (RuntimeException broken) {
                undeliverable(sub, watched, now, broken);
                return;
            }
            if (sub.delivery().failing()) {
                // kept newest per user until the next retry: these are folded into one POST
                subscriptions.putPending(sub, forSub.stream().map(Outgoing::userId).toList(), now);
                tally.count("NotificationsCoalesced", forSub.size());
            } else {
                outgoing.addAll(forSub);
            }
        });
        send(outgoing, now, changedAt, tally);
        metrics.emit(tally);
    }

    /** The schedule's retry of a failing subscription: the latest state of every pending user, in one POST. */
    public void retry(Subscription sub, Instant now) {
        Map<String, String> pending = subscriptions.pending(sub);
        Collection<UserRecord> users = presence.findUsers(pending.keySet()).values();
        Map<String, Tenant> tenants = tenantsOf(Map.of(sub, List.copyOf(users)));
        boolean delivered;
        try {
            List<Outgoing> outgoing = notifications(sub, users, tenants, now);
            delivered = outgoing.isEmpty() || post(sub.notificationUrl(), outgoing).join();
        } catch (RuntimeException broken) {
            rethrowStorage(broken);
            LOG.warn("Subscription {} cannot be delivered: {}", sub.id(), broken.toString());
            delivered = false;
        }
        metrics.emit(MetricLine.of().count("NotificationsRetried", pending.size())
                .count(delivered ? "NotificationsDelivered" : "NotificationsFailed", pending.size())
                .count("NotificationsDropped", !delivered && sub.delivery().givenUpAt(now) ? pending.size() : 0));
        if (delivered || sub.delivery().givenUpAt(now)) {
            subscriptions.removePending(sub, pending);
            subscriptions.recordDelivery(sub, sub.delivery().recovered());
        } else {
            subscriptions.recordDelivery(sub, sub.delivery().failedAt(now));
        }
    }

    /** {@code reauthorizationRequired} to the lifecycle URL. @return whether it answered 2xx */
    public boolean askToReauthorize(Subscription sub) {
        Map<String, Object> body = NotificationPayloads.batch(List.of(NotificationPayloads.reauthorizationRequired(sub)));
        return post(sub.lifecycleNotificationUrl(), body, WebhookClient.DELIVERY_TIMEOUT).join();
    }

    /**
     * A subscription whose notifications cannot even be made (its certificate cannot be used,
     * a bug in its data): it fails alone, like an endpoint that is down, and the rest of the
     * batch goes on. Only a storage outage stops the batch, to be retried whole.
     */
    private void undeliverable(Subscription sub, Collection<UserRecord> watched, Instant now, RuntimeException broken) {
        rethrowStorage(broken);
        LOG.warn("Subscription {} cannot be delivered; marked failing: {}", sub.id(), broken.toString());
        subscriptions.putPending(sub, watched.stream().map(u -> u.user().id()).toList(), now);
        if (!sub.delivery().failing()) {
            // an already failing one keeps the retry it has: its next retry meets the same fault
            subscriptions.recordDelivery(sub, sub.delivery().failedAt(now));
        }
    }

    private static void rethrowStorage(RuntimeException failure) {
        if (failure instanceof StoreUnavailableException outage) {
            throw outage;
        }
    }

    private List<Outgoing> notifications(Subscription sub, Collection<UserRecord> users, Map<String, Tenant> tenants,
                                         Instant now) {
        Caller subscriber = sub.subscriber();
        ReaderTrust trust = new ReaderTrust(subscriber.tenantId(), tenants);
        // parsed once for all of this subscription's notifications
        X509Certificate certificate = sub.includeResourceData()
                ? NotificationEncryptor.usableCertificate(sub.encryptionCertificate(), now) : null;
        List<Outgoing> outgoing = new ArrayList<>();
        for (UserRecord user : users) {
            String userId = user.user().id();
            // a subscriber that may not read the user now is told nothing, not even that something changed
            if (!PresencePermissions.mayRead(subscriber, user.user()) || !trust.canSee(user.user())) {
                continue;
            }
            PresenceView view = PresenceAggregator.view(user.presence(), now);
            EncryptedContent encrypted = certificate == null ? null : encrypt(sub, certificate, user, view);
            outgoing.add(new Outgoing(sub, userId,
                    NotificationPayloads.change(sub, userId, view.sequenceNumber(), encrypted)));
        }
        return outgoing;
    }

    private EncryptedContent encrypt(Subscription sub, X509Certificate certificate, UserRecord user, PresenceView view) {
        Map<String, Object> presence = PresenceReads.asSeenBy(sub.subscriber(), user, view, null);
        String content = new String(bytes(NotificationPayloads.richContent(user.user().id(), presence)),
                StandardCharsets.UTF_8);
        return NotificationEncryptor.encrypt(content, certificate, sub.encryptionCertificateId());
    }

    /**
     * One POST per URL, at most {@link #IN_FLIGHT} at a time. A URL that fails, or has not
     * answered within {@link #PATIENCE} of its own start, puts its subscriptions into retry: a
     * slow endpoint holds up the others for a second at most, once, and from then on waits
     * for the schedule's retries.
     */
    private void send(List<Outgoing> outgoing, Instant now, Instant changedAt, MetricLine tally) {
        Map<String, List<Outgoing>> byUrl = new LinkedHashMap<>();
        outgoing.forEach(o -> byUrl.computeIfAbsent(o.subscription().notificationUrl(), u -> new ArrayList<>()).add(o));
        Semaphore slots = new Semaphore(IN_FLIGHT);
        Map<String, CompletableFuture<Boolean>> sent = new LinkedHashMap<>();
        byUrl.forEach((url, batch) -> {
            slots.acquireUninterruptibly();
            // the POST itself ends at PATIENCE (its connection closed), so a slot is free only
            // once its request is really over, and no late answer follows a recorded failure
            CompletableFuture<Boolean> answer = post(url, batchBody(batch), PATIENCE);
            answer.whenComplete((delivered, error) -> slots.release());
            sent.put(url, answer);
        });
        sent.forEach((url, answer) -> {
            int notifications = byUrl.get(url).size();
            if (answer.join()) {
                tally.count("NotificationsDelivered", notifications);
                // wall-clock time, like the stream's stamp: the dev clock may have been moved
                tally.millis("DeliveryDelay", Math.max(0, Duration.between(changedAt, Instant.now()).toMillis()));
            } else {
                tally.count("NotificationsFailed", notifications);
                failed(byUrl.get(url), now);
            }
        });
    }

    private void failed(List<Outgoing> batch, Instant now) {
        Map<Subscription, List<String>> bySubscription = new LinkedHashMap<>();
        batch.forEach(o -> bySubscription.computeIfAbsent(o.subscription(), s -> new ArrayList<>()).add(o.userId()));
        bySubscription.forEach((sub, userIds) -> {
            subscriptions.putPending(sub, userIds, now);
            subscriptions.recordDelivery(sub, sub.delivery().failedAt(now));
        });
    }

    private CompletableFuture<Boolean> post(String url, List<Outgoing> batch) {
        return post(url, batchBody(batch), WebhookClient.DELIVERY_TIMEOUT);
    }

    private static Map<String, Object> batchBody(List<Outgoing> batch) {
        return NotificationPayloads.batch(batch.stream().map(Outgoing::notification).toList());
    }

    /**
     * A POST that cannot even start (the URL is refused now, the body cannot be written) is a
     * failed one. The POST itself ends at {@code deadline}, its connection closed.
     */
    private CompletableFuture<Boolean> post(String url, Map<String, Object> body, Duration deadline) {
        try {
            return webhooks.post(url, bytes(body), deadline);
        } catch (RuntimeException refused) {
            LOG.warn("Cannot post to {}: {}", Redact.url(url), Redact.text(refused.toString(), url));
            return CompletableFuture.completedFuture(false);
        }
    }

    /** Every tenant a trust decision in this run needs, read once. */
    private Map<String, Tenant> tenantsOf(Map<Subscription, List<UserRecord>> bySubscription) {
        Set<String> needed = new HashSet<>();
        bySubscription.forEach((sub, users) -> needed.addAll(ReaderTrust.tenantsToLoad(sub.subscriber().tenantId(),
                users.stream().map(UserRecord::user).toList())));
        return needed.isEmpty() ? Map.of() : directory.findTenants(needed);
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
