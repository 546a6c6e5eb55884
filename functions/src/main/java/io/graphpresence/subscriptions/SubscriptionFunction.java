package io.graphpresence.subscriptions;

import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.GraphRequest;
import io.graphpresence.notify.Subscription;
import io.graphpresence.notify.SubscriptionNotFoundException;
import io.graphpresence.store.SubscriptionKey;
import io.graphpresence.store.SubscriptionStore;
import io.micronaut.context.ApplicationContext;

import java.util.List;

/**
 * The subscription operations' common ground: an application sees only its own
 * subscriptions, and with a delegated token only those it made for the signed-in user; an
 * expired one is gone.
 */
abstract class SubscriptionFunction extends GraphFunction {

    protected final SubscriptionStore subscriptions = bean(SubscriptionStore.class);

    protected SubscriptionFunction() {
    }

    protected SubscriptionFunction(ApplicationContext context) {
        super(context);
    }

    /** The subscription the path names. @throws SubscriptionNotFoundException unless the caller may see it */
    protected final Subscription owned(GraphRequest request, Caller caller) {
        String id = request.guidParameter("subscriptionId");
        return subscriptions.findSubscription(new SubscriptionKey(caller.tenantId(), caller.appId(), id))
                .filter(sub -> isVisibleTo(sub, caller))
                .filter(sub -> sub.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> new SubscriptionNotFoundException(id));
    }

    protected static boolean isVisibleTo(Subscription sub, Caller caller) {
        return !caller.isDelegated() || caller.userId().equals(sub.subscriber().userId());
    }

    /** Watching users needs the permission to read each of them (spec section 4). */
    protected static void requireReadAll(Caller caller, List<String> userIds) {
        userIds.forEach(id -> PresencePermissions.requireRead(caller, id));
    }
}
