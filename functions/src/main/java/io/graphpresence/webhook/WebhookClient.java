package io.graphpresence.webhook;

import io.graphpresence.notify.InvalidSubscriptionException;
import io.graphpresence.notify.NotificationUrlPolicy;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Talks to subscribers' endpoints with the JDK's HTTP client: the validation handshake and
 * notification POSTs. Every request first checks where the URL resolves now (spec section 6),
 * so a name that later points inside the network is refused at delivery too.
 */
@Singleton
public class WebhookClient {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookClient.class);

    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);

    private final NotificationUrlPolicy policy;
    // built on first use: Lambda's Micronaut starts every singleton eagerly, and only the
    // notification functions ever talk to a webhook, so the others must not pay for a client
    private volatile HttpClient http;

    public WebhookClient(@Value("${presence.notifications.allow-loopback:false}") boolean allowLoopback) {
        this.policy = NotificationUrlPolicy.system(allowLoopback);
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .connectTimeout(DELIVERY_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .executor(Executors.newCachedThreadPool(r -> {
                                Thread t = new Thread(r, "webhook");
                                t.setDaemon(true);
                                return t;
                            }))
                            .build();
                }
                client = http;
            }
        }
        return client;
    }

    /**
     * Graph's handshake: POST {@code ?validationToken=...}; the endpoint must answer within
     * 10 s with 200, {@code text/plain}, and the token itself.
     *
     * @throws InvalidSubscriptionException when the URL may not be used
     * @return whether the endpoint answered as it must
     */
    public boolean validates(String url, String property) {
        URI uri = policy.check(url, property);
        String token = "Validation: " + UUID.randomUUID();
        String separator = uri.getRawQuery() == null ? "?" : "&";
        URI handshake = URI.create(uri + separator + "validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(handshake).timeout(VALIDATION_TIMEOUT)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("content-type").orElse("");
            return response.statusCode() == 200 && type.toLowerCase().startsWith("text/plain")
                    && token.equals(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.info("Validation of {} failed: {}", url, e.toString());
            return false;
        }
    }

    /** Completes with whether the endpoint took the POST: a 2xx within 3 s. */
    public CompletableFuture<Boolean> post(String url, byte[] json) {
        URI uri;
        try {
            uri = policy.check(url, "notificationUrl");
        } catch (InvalidSubscriptionException refused) {
            LOG.warn("Not delivering to {}: {}", url, refused.getMessage());
            return CompletableFuture.completedFuture(false);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(DELIVERY_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        return http().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() / 100 == 2)
                .exceptionally(failure -> {
                    LOG.info("Delivery to {} failed: {}", url, failure.toString());
                    return false;
                });
    }
}
