package io.graphpresence.wiring;

import io.graphpresence.api.Routes;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.store.CalendarStore;
import io.graphpresence.store.DirectoryListing;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.DueWorkStore;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.SharedCounter;
import io.graphpresence.store.SubscriptionStore;
import io.micronaut.core.type.Argument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each function is given only the stores it uses: what a function class holds (its fields, its
 * superclasses' included) and, through the beans it holds, what their bean definitions inject,
 * down to the store interfaces. A function added without a line here fails.
 */
class FunctionStoresTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    private static final Set<Class<?>> PRESENCE = Set.of(PresenceStore.class);
    private static final Set<Class<?>> CALENDAR = Set.of(CalendarStore.class);
    private static final Set<Class<?>> DIRECTORY = Set.of(DirectoryStore.class);
    private static final Set<Class<?>> SUBSCRIPTIONS = Set.of(SubscriptionStore.class);
    // the stream and the schedule notify through the dispatcher: the watchers, and the users and
    // tenants a delivery shows
    private static final Set<Class<?>> DISPATCH = Set.of(SubscriptionStore.class, PresenceStore.class,
            DirectoryStore.class);

    private static final Map<String, Set<Class<?>>> EXPECTED = Map.ofEntries(
            // every Graph operation counts against its caller's limits (the throttle's shared counter);
            // $batch runs each inner request through the routed function, with that one's stores
            entry("batch.BatchFunction", throttled(Set.of())),
            entry("api.UnsupportedPresenceOperationFunction", throttled(Set.of())),
            // a read loads the tenants' policies of users of other tenants (the trust filter)
            entry("api.GetPresenceFunction", throttled(Set.of(PresenceStore.class, DirectoryStore.class))),
            entry("api.GetPresencesByUserIdFunction", throttled(Set.of(PresenceStore.class, DirectoryStore.class))),
            entry("api.SetPresenceFunction", throttled(PRESENCE)),
            entry("api.ClearPresenceFunction", throttled(PRESENCE)),
            entry("api.SetUserPreferredPresenceFunction", throttled(PRESENCE)),
            entry("api.ClearUserPreferredPresenceFunction", throttled(PRESENCE)),
            entry("api.SetStatusMessageFunction", throttled(PRESENCE)),
            entry("api.GetMailboxSettingsFunction", throttled(PRESENCE)),
            // writes the settings, then answers with the user's item as it now is
            entry("api.UpdateMailboxSettingsFunction", throttled(Set.of(CalendarStore.class, PresenceStore.class))),
            entry("api.SetManualLocationFunction", throttled(PRESENCE)),
            entry("api.SetAutomaticLocationFunction", throttled(PRESENCE)),
            entry("api.ClearLocationFunction", throttled(PRESENCE)),
            entry("api.ClearAutomaticLocationFunction", throttled(PRESENCE)),
            // a tenant's own token issuers are read from the directory
            entry("api.TokenAuthorizerFunction", DIRECTORY),
            entry("calendar.CreateEventFunction", throttled(CALENDAR)),
            entry("calendar.GetEventFunction", throttled(CALENDAR)),
            entry("calendar.UpdateEventFunction", throttled(CALENDAR)),
            entry("calendar.DeleteEventFunction", throttled(CALENDAR)),
            entry("calendar.CalendarBusFunction", CALENDAR),
            entry("admin.CreateTenantFunction", throttled(DIRECTORY)),
            entry("admin.GetTenantFunction", throttled(DIRECTORY)),
            // an operator's or a tenant administrator's look at the whole directory
            entry("admin.ListTenantsFunction", throttled(Set.of(DirectoryStore.class, DirectoryListing.class))),
            entry("admin.ListUsersFunction", throttled(Set.of(DirectoryStore.class, DirectoryListing.class))),
            entry("admin.AssignDomainsFunction", throttled(DIRECTORY)),
            entry("admin.SetExternalAccessFunction", throttled(DIRECTORY)),
            entry("admin.PutUserFunction", throttled(DIRECTORY)),
            entry("admin.DeleteUserFunction", throttled(DIRECTORY)),
            entry("subscriptions.CreateSubscriptionFunction", throttled(SUBSCRIPTIONS)),
            entry("subscriptions.ListSubscriptionsFunction", throttled(SUBSCRIPTIONS)),
            entry("subscriptions.GetSubscriptionFunction", throttled(SUBSCRIPTIONS)),
            entry("subscriptions.UpdateSubscriptionFunction", throttled(SUBSCRIPTIONS)),
            entry("subscriptions.ReauthorizeSubscriptionFunction", throttled(SUBSCRIPTIONS)),
            entry("subscriptions.DeleteSubscriptionFunction", throttled(SUBSCRIPTIONS)),
            entry("delivery.PresenceStreamFunction", union(Set.of(DueWorkStore.class), DISPATCH)),
            entry("delivery.PresenceScheduleFunction", union(Set.of(DueWorkStore.class), DISPATCH)),
            // a queued batch of one change: the user as stored now, the batch's subscriptions, tenants
            entry("delivery.FanOutFunction", DISPATCH));

    /** The functions no route reaches. */
    private static final Set<String> EVENT_HANDLERS = Set.of("api.TokenAuthorizerFunction",
            "calendar.CalendarBusFunction", "delivery.PresenceStreamFunction", "delivery.PresenceScheduleFunction",
            "delivery.FanOutFunction");

    @Test
    void everyFunctionIsListed() {
        Set<String> functions = Routes.all(harness.json).stream()
                .map(r -> r.functionClass().substring("io.graphpresence.".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        functions.addAll(EVENT_HANDLERS);
        assertEquals(functions, new TreeSet<>(EXPECTED.keySet()));
    }

    @Test
    void eachFunctionHoldsExactlyTheStoresItUses() throws ClassNotFoundException {
        for (Map.Entry<String, Set<Class<?>>> function : EXPECTED.entrySet()) {
            Set<Class<?>> reached = new HashSet<>();
            heldBy(Class.forName("io.graphpresence." + function.getKey()), reached, new HashSet<>());
            assertEquals(names(function.getValue()), names(reached), function.getKey());
        }
    }

    /** The stores a class's fields name, directly or through the beans they hold. */
    private static void heldBy(Class<?> type, Set<Class<?>> stores, Set<Class<?>> seen) {
        for (Class<?> c = type; c != null && c.getName().startsWith("io.graphpresence."); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                reach(field.getType(), stores, seen);
            }
        }
    }

    private static void reach(Class<?> type, Set<Class<?>> stores, Set<Class<?>> seen) {
        if (!type.getName().startsWith("io.graphpresence.") || !seen.add(type)) {
            return;
        }
        if (type.isInterface() && type.getPackageName().equals("io.graphpresence.store")) {
            stores.add(type);
            return;
        }
        harness.context.findBeanDefinition(type).ifPresent(bean -> {
            for (Argument<?> injected : bean.getConstructor().getArguments()) {
                reach(injected.getType(), stores, seen);
            }
        });
    }

    private static Set<String> names(Set<Class<?>> types) {
        return types.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Class<?>> throttled(Set<Class<?>> stores) {
        return union(stores, Set.of(SharedCounter.class));
    }

    private static Set<Class<?>> union(Set<Class<?>> a, Set<Class<?>> b) {
        Set<Class<?>> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
