package io.graphpresence.wiring;

import io.graphpresence.api.Routes;
import io.graphpresence.api.TokenAuthorizerFunction;
import io.graphpresence.calendar.CalendarBusFunction;
import io.graphpresence.delivery.DueTimerFunction;
import io.graphpresence.delivery.FanOutFunction;
import io.graphpresence.delivery.PresenceScheduleFunction;
import io.graphpresence.delivery.PresenceStreamFunction;
import io.micronaut.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What AWS runs: every handler class of the route table, and the five the infra wires to other triggers. */
final class DeployedFunctions {

    /**
     * The environment the CDK stack gives every function (infra's PresenceStack), plus the
     * region Lambda sets itself.
     */
    static Map<String, Object> environment() {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("PRESENCE_TABLE_NAME", "GraphPresence-PresenceTable-1A2B3C");
        environment.put("PRESENCE_AUTH_ISSUER", "https://login.example.com/tenant/v2.0");
        environment.put("PRESENCE_AUTH_AUDIENCE", "api://presence-test");
        environment.put("PRESENCE_AUTH_JWKS_URL", "https://login.example.com/tenant/discovery/v2.0/keys");
        environment.put("PRESENCE_DUE_SHARDS", "128");
        environment.put("PRESENCE_TIMERS_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/GraphPresence-TimerQueue");
        environment.put("PRESENCE_FANOUT_QUEUE_URL",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/GraphPresence-FanOutQueue.fifo");
        return environment;
    }

    /** The settings whose absence must stop a function at initialization. */
    static final List<String> REQUIRED = List.of("PRESENCE_TABLE_NAME", "PRESENCE_AUTH_ISSUER",
            "PRESENCE_AUTH_AUDIENCE", "PRESENCE_AUTH_JWKS_URL");

    static List<String> handlerClasses(JsonMapper json) {
        TreeSet<String> classes = new TreeSet<>();
        Routes.all(json).forEach(route -> classes.add(route.functionClass()));
        for (Class<?> type : List.of(TokenAuthorizerFunction.class, PresenceStreamFunction.class,
                PresenceScheduleFunction.class, DueTimerFunction.class, FanOutFunction.class,
                CalendarBusFunction.class)) {
            classes.add(type.getName());
        }
        return List.copyOf(classes);
    }

    private DeployedFunctions() {
    }
}
