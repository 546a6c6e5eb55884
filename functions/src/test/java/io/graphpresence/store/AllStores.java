package io.graphpresence.store;

import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * For tests only: every store behind one handle, so that a test can set up and look at
 * whatever it needs. Each call goes to the store that declares it; no function is given this.
 */
public interface AllStores extends PresenceStore, DirectoryStore, DirectoryListing, CalendarStore, SubscriptionStore,
        DueWorkStore {

    /** The stores a function's application context holds. */
    static AllStores of(ApplicationContext context) {
        return over(List.of(context.getBean(PresenceStore.class), context.getBean(DirectoryStore.class),
                context.getBean(DirectoryListing.class), context.getBean(CalendarStore.class),
                context.getBean(SubscriptionStore.class), context.getBean(DueWorkStore.class)));
    }

    /** New stores on this table. */
    static AllStores over(DynamoDbClient dynamo, String table) {
        TableAccess access = new TableAccess(dynamo, table);
        return over(List.of(new DynamoPresenceStore(access), new DynamoDirectoryStore(access),
                new DynamoDirectoryListing(access), new DynamoCalendarStore(access), new DynamoSubscriptionStore(access),
                new DynamoDueWorkStore(access)));
    }

    private static AllStores over(List<Object> stores) {
        return (AllStores) Proxy.newProxyInstance(AllStores.class.getClassLoader(), new Class<?>[]{AllStores.class},
                (proxy, method, args) -> {
                    Object store = method.getDeclaringClass() == Object.class ? stores
                            : stores.stream().filter(method.getDeclaringClass()::isInstance).findFirst().orElseThrow();
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
