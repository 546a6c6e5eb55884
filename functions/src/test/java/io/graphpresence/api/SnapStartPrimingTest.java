package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.graphpresence.local.FunctionHarness;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SnapStart priming hook answers every routed function's request without writing anything or failing. */
class SnapStartPrimingTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    @Test
    void primesEveryRoutedFunctionAndWritesNothing() throws Exception {
        DynamoDbClient dynamo = harness.context.getBean(DynamoDbClient.class);
        String table = harness.context.getProperty("presence.table.name", String.class).orElseThrow();
        List<Map<String, AttributeValue>> before = dynamo.scan(s -> s.tableName(table).consistentRead(true)).items();
        Set<String> primed = new HashSet<>();
        for (Routes.Route route : Routes.all(harness.json)) {
            Class<?> type = Class.forName(route.functionClass());
            if (!GraphFunction.class.isAssignableFrom(type) || !primed.add(type.getName())) {
                continue;
            }
            GraphFunction function = (GraphFunction) type.getConstructor(ApplicationContext.class)
                    .newInstance(harness.context);
            // the same request twice writes what fifty would (the bench primes with the real count)
            SnapStartPriming priming = new SnapStartPriming(function, 2);
            APIGatewayV2HTTPResponse response = priming.prime();
            assertTrue(response.getStatusCode() < 500, type.getSimpleName() + " answered " + response);
            // the whole hook, as CRaC runs it: the request repeated, and a presence rendered
            priming.beforeCheckpoint(null);
        }
        assertTrue(primed.contains(SetPresenceFunction.class.getName()), primed::toString);
        assertEquals(before, dynamo.scan(s -> s.tableName(table).consistentRead(true)).items(),
                "priming wrote to the table");
    }

    @Test
    void rendersAPresenceAsAReadWould() {
        String json = new SnapStartPriming(new GetPresenceFunction(harness.context)).renderPresence();
        assertTrue(json.contains("\"availability\":\"Busy\"") && json.contains("\"activity\":\"InACall\""), json);
    }

    @Test
    void presenceWritesReachTheTableAndEndAsNotFound() {
        for (GraphFunction function : List.of(new SetPresenceFunction(harness.context),
                new SetUserPreferredPresenceFunction(harness.context), new SetStatusMessageFunction(harness.context))) {
            APIGatewayV2HTTPResponse response = new SnapStartPriming(function).prime();
            // past validation and permissions, to the conditional write: the path a real request takes
            assertEquals(404, response.getStatusCode(), response::toString);
            assertFalse(response.getBody().contains("\"BadRequest\""), response::getBody);
        }
    }
}
