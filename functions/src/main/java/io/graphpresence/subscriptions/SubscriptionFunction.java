package io.graphpresence.subscriptions;

import io.graphpresence.throttle.ThrottleFamily;
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

    /**
     * The subscription the path names, which the caller's token must still grant reading
     * (checked at every call, as at creation: a token without the permission neither reads,
     * renews nor deletes it).
     *
     * @throws SubscriptionNotFoundException unless the caller may see it
     * @throws io.graphpresence.access.AccessDeniedException when the token may not read what it watches
     */
    protected final Subscription owned(GraphRequest request, Caller caller) {
        String id = request.guidParameter("subscriptionId");
        Subscription sub = subscriptions.findSubscription(new SubscriptionKey(caller.tenantId(), caller.appId(), id))
                .filter(found -> isVisibleTo(found, caller))
                .filter(found -> found.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> new SubscriptionNotFoundException(id));
        requireReadAll(caller, sub.userIds());
        return sub;
    }

    protected static boolean isVisibleTo(Subscription sub, Caller caller) {
        return !caller.isDelegated() || caller.userId().equals(sub.subscriber().userId());
    }

    /** Watching users needs the permission to read each of them (spec section 4). */
    protected static void requireReadAll(Caller caller, List<String> userIds) {
        userIds.forEach(id -> PresencePermissions.requireRead(caller, id));
    }

    /** Whether the caller's token grants reading every user the subscription watches. */
    protected static boolean mayReadAll(Caller caller, Subscription sub) {
        return sub.userIds().stream().allMatch(id -> PresencePermissions.mayRead(caller, id));
    }

    @Override
    protected ThrottleFamily family(GraphRequest request) {
        return ThrottleFamily.SUBSCRIPTIONS;
    }
}
