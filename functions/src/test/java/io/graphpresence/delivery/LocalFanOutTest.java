package io.graphpresence.delivery;

import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Notifications;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The local stack's fan-out: a much-watched user's changes go through its ElasticMQ FIFO queue
 * to the fan-out function, a call's change and a clock move's alike (here three watchers are
 * "many": the stack is started with an inline bound of one).
 */
class LocalFanOutTest {

    private static final int SUBSCRIPTIONS = 3;

    @Test
    void aCallAndAClockMoveReachEveryWatcherThroughTheLocalQueue() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null,
                Map.of("presence.fanout.inline-max", 1)), DevClock.frozenAt(FunctionHarness.START));
             WebhookReceiver receiver = new WebhookReceiver()) {
            LocalHttp http = new LocalHttp(stack);
            String token = stack.tokens().mint(CONTOSO, APP, null, null,
                    List.of("Presence.Read.All", "Presence.ReadWrite.All"), Duration.ofDays(1));
            Instant expiry = stack.clock().instant().plus(Duration.ofMinutes(59));
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                Reply created = http.call("POST", "/v1.0/subscriptions", token, "{\"changeType\":\"updated\","
                        + "\"notificationUrl\":\"" + receiver.url("/hook/" + i) + "\",\"resource\":\"communications/presences/"
                        + ADELE + "\",\"expirationDateTime\":\"" + expiry + "\"}");
                assertEquals(201, created.status(), created.body());
            }
            Map<String, List<String>> heard = new LinkedHashMap<>();

            Reply set = http.call("POST", "/v1.0/users/" + ADELE + "/presence/setPresence", token, "{\"sessionId\":\""
                    + APP + "\",\"availability\":\"Available\",\"activity\":\"Available\",\"expirationDuration\":\"PT1H\"}");
            assertEquals(200, set.status(), set.body());
            Notifications.untilEveryoneHeard(receiver, SUBSCRIPTIONS, sequenceNow(http, token), heard);

            // an Available session fades after five minutes: nobody calls, the clock moves
            assertEquals(200, http.moveClock("PT6M").status());
            Reply faded = http.call("GET", "/v1.0/users/" + ADELE + "/presence", token, null);
            assertEquals("AvailableIdle/Inactive", faded.pair());
            Notifications.untilEveryoneHeard(receiver, SUBSCRIPTIONS, (String) faded.json().get("sequenceNumber"), heard);
        }
    }

    private static String sequenceNow(LocalHttp http, String token) throws Exception {
        return (String) http.call("GET", "/v1.0/users/" + ADELE + "/presence", token, null).json().get("sequenceNumber");
    }
}
