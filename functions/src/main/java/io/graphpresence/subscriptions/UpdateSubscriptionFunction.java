package io.graphpresence.subscriptions;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.notify.Subscription;
import io.graphpresence.notify.SubscriptionRules;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;

/** {@code PATCH /subscriptions/{subscriptionId}}: renews it, {@code expirationDateTime} within Graph's limits. */
public class UpdateSubscriptionFunction extends SubscriptionFunction {

    public UpdateSubscriptionFunction() {
    }

    public UpdateSubscriptionFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        Subscription sub = owned(request, caller);
        Instant now = clock.instant();
        Instant expiry = SubscriptionRules.expiry(
                ExpirationDateTime.parse(body(request).requiredString("expirationDateTime")), now);
        Subscription renewed = sub.renewed(expiry, null, false);
        subscriptions.renewSubscription(renewed);
        return GraphResponse.ok(SubscriptionJson.of(renewed, request.serviceRoot()));
    }
}
