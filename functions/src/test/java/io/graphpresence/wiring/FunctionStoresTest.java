package io.graphpresence.wiring;

import io.graphpresence.api.Routes;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.store.CalendarStore;
import io.graphpresence.store.DirectoryListing;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.DueWorkStore;
import io.graphpresence.store.PresenceStore;
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
            // a read loads the tenants' policies of users of other tenants (the trust filter)
            entry("api.GetPresenceFunction", Set.of(PresenceStore.class, DirectoryStore.class)),
            entry("api.GetPresencesByUserIdFunction", Set.of(PresenceStore.class, DirectoryStore.class)),
            entry("api.SetPresenceFunction", PRESENCE),
            entry("api.ClearPresenceFunction", PRESENCE),
            entry("api.SetUserPreferredPresenceFunction", PRESENCE),
            entry("api.ClearUserPreferredPresenceFunction", PRESENCE),
            entry("api.SetStatusMessageFunction", PRESENCE),
            entry("api.GetMailboxSettingsFunction", PRESENCE),
            // writes the settings, then answers with the user's item as it now is
            entry("api.UpdateMailboxSettingsFunction", Set.of(CalendarStore.class, PresenceStore.class)),
            entry("api.SetManualLocationFunction", PRESENCE),
            entry("api.SetAutomaticLocationFunction", PRESENCE),
            entry("api.ClearLocationFunction", PRESENCE),
            entry("api.ClearAutomaticLocationFunction", PRESENCE),
            // a tenant's own token issuers are read from the directory
            entry("api.TokenAuthorizerFunction", DIRECTORY),
            entry("calendar.CreateEventFunction", CALENDAR),
            entry("calendar.GetEventFunction", CALENDAR),
            entry("calendar.UpdateEventFunction", CALENDAR),
            entry("calendar.DeleteEventFunction", CALENDAR),
            entry("calendar.CalendarBusFunction", CALENDAR),
            entry("admin.CreateTenantFunction", DIRECTORY),
            entry("admin.GetTenantFunction", DIRECTORY),
            // an operator's or a tenant administrator's look at the whole directory
            entry("admin.ListTenantsFunction", Set.of(DirectoryStore.class, DirectoryListing.class)),
            entry("admin.ListUsersFunction", Set.of(DirectoryStore.class, DirectoryListing.class)),
            entry("admin.AssignDomainsFunction", DIRECTORY),
            entry("admin.SetExternalAccessFunction", DIRECTORY),
            entry("admin.PutUserFunction", DIRECTORY),
            entry("admin.DeleteUserFunction", DIRECTORY),
            entry("subscriptions.CreateSubscriptionFunction", SUBSCRIPTIONS),
            entry("subscriptions.ListSubscriptionsFunction", SUBSCRIPTIONS),
            entry("subscriptions.GetSubscriptionFunction", SUBSCRIPTIONS),
            entry("subscriptions.UpdateSubscriptionFunction", SUBSCRIPTIONS),
            entry("subscriptions.ReauthorizeSubscriptionFunction", SUBSCRIPTIONS),
            entry("subscriptions.DeleteSubscriptionFunction", SUBSCRIPTIONS),
            entry("delivery.PresenceStreamFunction", union(Set.of(DueWorkStore.class), DISPATCH)),
            entry("delivery.PresenceScheduleFunction", union(Set.of(DueWorkStore.class), DISPATCH)));

    /** The functions no route reaches. */
    private static final Set<String> EVENT_HANDLERS = Set.of("api.TokenAuthorizerFunction",
            "calendar.CalendarBusFunction", "delivery.PresenceStreamFunction", "delivery.PresenceScheduleFunction");

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

    private static Set<Class<?>> union(Set<Class<?>> a, Set<Class<?>> b) {
        Set<Class<?>> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
