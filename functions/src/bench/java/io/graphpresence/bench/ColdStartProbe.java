package io.graphpresence.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Runs in a fresh JVM on the lean Lambda jar: loads one handler the way the Lambda runtime
 * does (by class name, no-argument constructor), answers one request, and prints how long
 * that took since the JVM started and the heap then in use.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        String userId = args[1];
        String method = args[3];
        String route = args[4];
        String body = args.length > 5 ? args[5] : null;
        var handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(handlerClass)
                .getConstructor().newInstance();
        Map<String, String> claims = Map.of("tid", args[2], "appId", "bench-app", "scp", "",
                "roles", "Presence.Read.All Presence.ReadWrite.All");
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.event(method, route,
                route.replace("{id}", userId), route.contains("{id}") ? userId : null, body, claims), null);
        long elapsed = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        System.out.println("COLD " + response.getStatusCode() + " " + elapsed + " " + heapMb);
        System.exit(0);
    }
}
