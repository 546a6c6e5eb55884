package io.graphpresence.api;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** When DynamoDB cannot be reached, every operation answers 503 with Retry-After, never a 500. */
class StorageUnavailableTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start(Map.of(
            "aws.services.dynamodb.endpoint-override", "http://127.0.0.1:" + closedPort()));

    @Test
    void readsAndWritesAnswer503WithRetryAfter() {
        String token = harness.userToken(CONTOSO, ADELE);
        assertUnavailable(harness.get("/v1.0/me/presence", token));
        assertUnavailable(harness.post("/v1.0/me/presence/setPresence", token,
                "{\"sessionId\":\"" + APP + "\",\"availability\":\"Away\",\"activity\":\"Away\"}"));
        assertUnavailable(harness.post("/v1.0/communications/getPresencesByUserId", token,
                "{\"ids\":[\"" + ADELE + "\"]}"));
    }

    private static void assertUnavailable(Reply reply) {
        assertEquals(503, reply.status(), reply::toString);
        assertEquals("ServiceUnavailable", reply.errorCode());
        assertEquals("5", reply.headers().get("retry-after"));
    }

    /** A loopback port nobody listens on. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
