package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.graphpresence.local.FunctionHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A warm function keeps nothing per invocation: the Lambda context of each call is not registered as a bean. */
class InvocationContextTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    @Test
    void invocationsAddNoBeanDefinitions() {
        GetPresenceFunction function = new GetPresenceFunction(harness.context);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRawPath("/v1.0/me/presence")
                .withRouteKey("GET /v1.0/me/presence").withHeaders(Map.of()).build();
        for (int call = 0; call < 3; call++) {
            function.handleRequest(event, invocationContext());
        }
        assertEquals(0, harness.context.getBeanDefinitions(Context.class).size(),
                "each invocation's Lambda context became a bean");
    }

    /** A new context per call, as the Lambda runtime passes. */
    private static Context invocationContext() {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> java.util.UUID.randomUUID().toString();
                    case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 1000;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
