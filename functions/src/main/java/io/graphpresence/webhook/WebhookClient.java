package io.graphpresence.webhook;

import io.graphpresence.notify.InvalidSubscriptionException;
import io.graphpresence.notify.NotificationUrlPolicy.Destination;
import io.graphpresence.notify.NotificationUrlPolicy;
import io.graphpresence.observe.Redact;
import io.graphpresence.observe.RequestLog;
import io.graphpresence.observe.Subsegments;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * Talks to subscribers' endpoints: the validation handshake and notification POSTs. Every
 * request first checks where the URL resolves now (spec section 6), so a name that later
 * points inside the network is refused at delivery too, and then connects to exactly the
 * address it checked ({@link PinnedHttpClient}). Each exchange has one deadline for all of
 * it and reads a bounded answer; what runs out of time is cut off, not left running.
 */
@Singleton
public class WebhookClient {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookClient.class);

    /** Graph's handshake limit: the whole exchange, body included. */
    public static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);
    /** The most of an answer ever read: a handshake answer is the token, a delivery's only needs its headers. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final NotificationUrlPolicy policy;
    private final ScheduledThreadPoolExecutor watchdog;
    private final ExecutorService senders;
    private final PinnedHttpClient http;
    private final Subsegments subsegments;

    @Inject
    public WebhookClient(@Value("${presence.notifications.allow-loopback:false}") boolean allowLoopback,
                         Subsegments subsegments) {
        this(NotificationUrlPolicy.system(allowLoopback), subsegments);
    }

    public WebhookClient(boolean allowLoopback) {
        this(NotificationUrlPolicy.system(allowLoopback), Subsegments.OFF);
    }

    WebhookClient(NotificationUrlPolicy policy) {
        this(policy, Subsegments.OFF);
    }

    WebhookClient(NotificationUrlPolicy policy, Subsegments subsegments) {
        this.policy = policy;
        this.subsegments = subsegments;
        // both make their threads on first use, so functions that never call a webhook pay nothing
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("webhook-deadline"));
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.senders = Executors.newCachedThreadPool(daemon("webhook"));
        this.http = new PinnedHttpClient(watchdog);
    }

    @PreDestroy
    void close() {
        senders.shutdownNow();
        watchdog.shutdownNow();
    }

    /**
     * Graph's handshake: POST {@code ?validationToken=...}; the endpoint must answer within
     * 10 s with 200, {@code text/plain}, and the token itself.
     *
     * @throws InvalidSubscriptionException when the URL may not be used
     * @return whether the endpoint answered as it must
     */
    public boolean validates(String url, String property) {
        Destination checked = policy.check(url, property);
        String token = "Validation: " + UUID.randomUUID();
        URI uri = checked.uri();
        String separator = uri.getRawQuery() == null ? "?" : "&";
        Destination handshake = new Destination(
                URI.create(uri + separator + "validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)),
                checked.addresses());
        Subsegments.Call traced = subsegments.start(uri.getHost());
        try {
            var answer = http.post(handshake, "text/plain", new byte[0], VALIDATION_TIMEOUT, MAX_ANSWER_BYTES, true);
            traced.httpCall("POST", Redact.url(url), answer.status());
            String type = answer.headers().getOrDefault("content-type", "");
            return answer.status() == 200 && type.toLowerCase(Locale.ROOT).startsWith("text/plain")
                    && token.equals(new String(answer.body(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            traced.httpCall("POST", Redact.url(url), 0);
            LOG.info("Validation of {} failed: {}", Redact.url(url), Redact.text(e.toString(), url));
            return false;
        }
    }

    /** Completes with whether the endpoint took the POST: a 2xx within 3 s. */
    public CompletableFuture<Boolean> post(String url, byte[] json) {
        return post(url, json, DELIVERY_TIMEOUT);
    }

    /**
     * Completes with whether the endpoint answered 2xx within {@code deadline}; it completes
     * only once the connection is closed, so nothing of it runs on after.
     */
    public CompletableFuture<Boolean> post(String url, byte[] json, Duration deadline) {
        Destination destination;
        try {
            destination = policy.check(url, "notificationUrl");
        } catch (InvalidSubscriptionException refused) {
            LOG.warn("Not delivering to {}: {}", Redact.url(url), Redact.text(refused.getMessage(), url));
            return CompletableFuture.completedFuture(false);
        }
        // its lines and its subsegment belong to the invocation that sends it
        Subsegments.Call traced = subsegments.start(destination.uri().getHost());
        return CompletableFuture.supplyAsync(RequestLog.carried(() -> {
            try {
                int status = http.post(destination, "application/json", json, deadline, MAX_ANSWER_BYTES, false).status();
                traced.httpCall("POST", Redact.url(url), status);
                return status / 100 == 2;
            } catch (Exception failure) {
                traced.httpCall("POST", Redact.url(url), 0);
                LOG.info("Delivery to {} failed: {}", Redact.url(url), Redact.text(failure.toString(), url));
                return false;
            }
        }), senders);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
