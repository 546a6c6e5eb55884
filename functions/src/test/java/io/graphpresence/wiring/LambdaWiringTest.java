package io.graphpresence.wiring;

import io.graphpresence.access.TokenVerifier;
import io.graphpresence.delivery.ChangeDispatcher;
import io.graphpresence.store.CalendarStore;
import io.graphpresence.store.DirectoryListing;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.DueWorkStore;
import io.graphpresence.store.DynamoCalendarStore;
import io.graphpresence.store.DynamoDirectoryListing;
import io.graphpresence.store.DynamoDueWorkStore;
import io.graphpresence.store.DynamoPresenceStore;
import io.graphpresence.store.DynamoSubscriptionStore;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.SubscriptionStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The application context a deployed function gets: Lambda's environments and the settings the
 * CDK stack gives every function (as the properties their environment variables become), with
 * nothing of the local stack's. Every deployed handler class starts on it and finds its beans.
 */
@MicronautTest(environments = {"function", "lambda"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaWiringTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        DeployedFunctions.environment().forEach((variable, value) ->
                properties.put(variable.toLowerCase().replace('_', '.').replace("jwks.url", "jwks-url")
                        .replace("queue.url", "queue-url"), (String) value));
        return properties;
    }

    @Test
    void everyDeployedFunctionStartsOnTheProductionContext() throws Exception {
        for (String handler : DeployedFunctions.handlerClasses(context.getBean(JsonMapper.class))) {
            MicronautRequestHandler<?, ?> function = (MicronautRequestHandler<?, ?>) Class.forName(handler)
                    .getConstructor(ApplicationContext.class).newInstance(context);
            assertSame(context, function.getApplicationContext(), handler);
        }
    }

    @Test
    void theBeansFunctionsUseResolveFromTheDeployedSettings() {
        PresenceSettings settings = context.getBean(PresenceSettings.class);
        assertEquals("GraphPresence-PresenceTable-1A2B3C", settings.tableName());
        assertEquals("https://login.example.com/tenant/v2.0", settings.issuer());
        assertEquals("api://presence-test", settings.audience());
        assertEquals("https://login.example.com/tenant/discovery/v2.0/keys", settings.jwksUrl());
        assertInstanceOf(DynamoPresenceStore.class, context.getBean(PresenceStore.class));
        assertInstanceOf(CachedDirectoryStore.class, context.getBean(DirectoryStore.class));
        assertInstanceOf(DynamoDirectoryListing.class, context.getBean(DirectoryListing.class));
        assertInstanceOf(DynamoCalendarStore.class, context.getBean(CalendarStore.class));
        assertInstanceOf(DynamoSubscriptionStore.class, context.getBean(SubscriptionStore.class));
        assertInstanceOf(DynamoDueWorkStore.class, context.getBean(DueWorkStore.class));
        context.getBean(TokenVerifier.class);
        context.getBean(ChangeDispatcher.class);
    }
}
