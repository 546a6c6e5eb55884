package io.graphpresence.subscriptions;

import io.graphpresence.access.Caller;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /subscriptions}: the calling application's live subscriptions (for a delegated token, the user's). */
public class ListSubscriptionsFunction extends SubscriptionFunction {

    public ListSubscriptionsFunction() {
    }

    public ListSubscriptionsFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        Instant now = clock.instant();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", request.serviceRoot() + "/$metadata#subscriptions");
        json.put("value", subscriptions.listSubscriptions(caller.tenantId(), caller.appId()).stream()
                .filter(sub -> isVisibleTo(sub, caller) && sub.expiresAt().isAfter(now))
                .map(SubscriptionJson::body).toList());
        return GraphResponse.ok(json);
    }
}
