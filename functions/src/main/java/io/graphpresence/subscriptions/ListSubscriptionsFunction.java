package io.graphpresence.subscriptions;

import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.api.GraphResponse;
import io.graphpresence.notify.SubscriptionRules;
import io.graphpresence.store.SubscriptionPage;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /subscriptions}: the calling application's live subscriptions (for a delegated
 * token, the user's) that its token may read, {@link SubscriptionRules#PAGE_SIZE} at most per
 * page, with {@code @odata.nextLink} ({@code $skiptoken}) to the next one while there is more.
 * A page may hold fewer (those the caller may not see are left out) and still have a next one.
 */
public class ListSubscriptionsFunction extends SubscriptionFunction {

    public ListSubscriptionsFunction() {
    }

    public ListSubscriptionsFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        PresencePermissions.requireSomeRead(caller);
        String skipToken = request.query("$skiptoken");
        String after = skipToken == null ? null : GraphRequest.normalizedUserId(skipToken);
        Instant now = clock.instant();
        SubscriptionPage page = subscriptions.listSubscriptions(caller.tenantId(), caller.appId(), after,
                SubscriptionRules.PAGE_SIZE);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", request.serviceRoot() + "/$metadata#subscriptions");
        if (page.nextAfter() != null) {
            json.put("@odata.nextLink", request.serviceRoot() + "/subscriptions?$skiptoken=" + page.nextAfter());
        }
        json.put("value", page.subscriptions().stream()
                .filter(sub -> isVisibleTo(sub, caller) && sub.expiresAt().isAfter(now) && mayReadAll(caller, sub))
                .map(SubscriptionJson::body).toList());
        return GraphResponse.ok(json);
    }
}
