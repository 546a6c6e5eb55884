package io.graphpresence.subscriptions;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphError;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.api.JsonBody;
import io.graphpresence.limits.InputLimits;
import io.graphpresence.notify.DeliveryState;
import io.graphpresence.notify.InvalidSubscriptionException;
import io.graphpresence.notify.PresenceResource;
import io.graphpresence.notify.Subscription;
import io.graphpresence.notify.SubscriptionRules;
import io.graphpresence.webhook.WebhookClient;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /subscriptions}: checks the request, the caller's permission to read every
 * watched user, and both endpoints (where they resolve, then Graph's validation handshake)
 * before anything is stored; 201 with the subscription.
 */
public class CreateSubscriptionFunction extends SubscriptionFunction {

    private final WebhookClient webhooks = bean(WebhookClient.class);
    private final int quota = getApplicationContext()
            .getProperty("presence.subscriptions.per-application", Integer.class).orElse(SubscriptionRules.PER_APPLICATION);

    public CreateSubscriptionFunction() {
    }

    public CreateSubscriptionFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        JsonBody body = body(request);
        Instant now = clock.instant();
        SubscriptionRules.checkChangeType(body.requiredString("changeType"));
        String resource = body.requiredString("resource", InputLimits.MAX_RESOURCE);
        List<String> userIds = PresenceResource.userIds(resource);
        Instant expiry = SubscriptionRules.expiry(ExpirationDateTime.parse(body.requiredString("expirationDateTime")), now);
        String clientState = body.optionalString("clientState");
        SubscriptionRules.checkClientState(clientState);
        boolean rich = Boolean.TRUE.equals(body.optionalBoolean("includeResourceData"));
        String certificate = body.optionalString("encryptionCertificate", InputLimits.MAX_CERTIFICATE);
        String certificateId = body.optionalString("encryptionCertificateId", InputLimits.MAX_ID);
        SubscriptionRules.checkEncryption(rich, certificate, certificateId, now);
        requireReadAll(caller, userIds);
        String notificationUrl = validated(body.requiredString("notificationUrl", InputLimits.MAX_URL), "notificationUrl");
        String lifecycleUrl = body.optionalString("lifecycleNotificationUrl", InputLimits.MAX_URL);
        if (lifecycleUrl != null) {
            validated(lifecycleUrl, "lifecycleNotificationUrl");
        }
        Subscription sub = new Subscription(UUID.randomUUID().toString(), caller, resource.trim(), userIds,
                notificationUrl, lifecycleUrl, expiry, clientState, rich, rich ? certificate : null,
                rich ? certificateId : null, request.tokenExpiresAt(), DeliveryState.HEALTHY);
        subscriptions.createSubscription(sub, now, quota);
        return new GraphResponse(201, SubscriptionJson.of(sub, request.serviceRoot()));
    }

    /** Graph's handshake, after the address rules: both failures are a 400 ValidationError. */
    private String validated(String url, String property) {
        try {
            if (!webhooks.validates(url, property)) {
                throw validationError(property + " '" + url + "' did not answer the validation request with 200, "
                        + "text/plain and the validationToken within 10 seconds.");
            }
        } catch (InvalidSubscriptionException refused) {
            throw validationError(refused.getMessage());
        }
        return url;
    }

    private static GraphError validationError(String message) {
        return new GraphError(400, "ValidationError", "Subscription validation request failed. " + message);
    }
}
