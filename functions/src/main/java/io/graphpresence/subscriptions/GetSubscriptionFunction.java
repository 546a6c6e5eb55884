package io.graphpresence.subscriptions;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.micronaut.context.ApplicationContext;

/** {@code GET /subscriptions/{subscriptionId}}. */
public class GetSubscriptionFunction extends SubscriptionFunction {

    public GetSubscriptionFunction() {
    }

    public GetSubscriptionFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        return GraphResponse.ok(SubscriptionJson.of(owned(request, caller), request.serviceRoot()));
    }
}
