package io.graphpresence.subscriptions;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.micronaut.context.ApplicationContext;

/** {@code DELETE /subscriptions/{subscriptionId}}: 204, and nothing more is delivered. */
public class DeleteSubscriptionFunction extends SubscriptionFunction {

    public DeleteSubscriptionFunction() {
    }

    public DeleteSubscriptionFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        subscriptions.deleteSubscription(owned(request, caller));
        return new GraphResponse(204, null);
    }
}
