package io.graphpresence.subscriptions;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.notify.Subscription;
import io.micronaut.context.ApplicationContext;

/**
 * {@code POST /subscriptions/{subscriptionId}/reauthorize}: the caller's current token (which
 * must still grant reading every watched user) now stands behind the subscription; 204.
 */
public class ReauthorizeSubscriptionFunction extends SubscriptionFunction {

    public ReauthorizeSubscriptionFunction() {
    }

    public ReauthorizeSubscriptionFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        Subscription sub = owned(request, caller);
        subscriptions.renewSubscription(sub.renewed(sub.expiresAt(), request.tokenExpiresAt(), true));
        return new GraphResponse(204, null);
    }
}
