package io.graphpresence.store;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.presence.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** No lost updates: sessions written at the same moment by different applications all survive. */
class ConcurrentWritesTest {

    private static final int WRITERS = 16;
    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    @Test
    void sixteenApplicationsSettingSessionsAtOnceAllCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String app = "app-" + i;
            String token = harness.appToken(CONTOSO, app);
            replies.add(pool.submit(() -> {
                go.await();
                return harness.post("/v1.0/users/" + MEGAN + "/presence/setPresence", token,
                        "{\"sessionId\":\"" + app + "\",\"availability\":\"Busy\",\"activity\":\"InACall\","
                                + "\"expirationDuration\":\"PT1H\"}");
            }));
        }
        go.countDown();
        for (Future<Reply> reply : replies) {
            assertEquals(200, reply.get().status(), () -> reply.toString());
        }
        pool.shutdown();

        UserRecord megan = harness.repository().findUser(MEGAN).orElseThrow();
        List<String> sessions = megan.presence().sessions().stream().map(Session::id).sorted()
                .collect(Collectors.toList());
        assertEquals(WRITERS, sessions.size(), sessions::toString);
        assertEquals(WRITERS, megan.presence().version(), "every write counts once in the version");
    }
}
