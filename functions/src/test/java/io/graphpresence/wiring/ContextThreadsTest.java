package io.graphpresence.wiring;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.delivery.PresenceScheduleFunction;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import io.graphpresence.webhook.WebhookClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every thread pool of ours closes with the application context: after the functions have
 * used each one (a batched read of 150 users, a {@code $batch}, a webhook POST, the schedule's
 * pool), closing the context leaves none of their threads, and no thread at all that the
 * context started and that would keep a JVM alive.
 */
class ContextThreadsTest {

    private static final List<String> OUR_POOLS = List.of("batch-read", "batch-inner", "schedule-worker",
            "due-subscription", "webhook");

    @Test
    void closingTheContextStopsEveryPoolOfOurs() throws Exception {
        // the one DynamoDB Local of the test JVM lives on, with the threads it makes on first use:
        // a first round lets it make them, so that only the second round's context is judged
        runAndClose();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        runAndClose();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // threads of these names that were there before the second round belong to other tests'
        // clients (a webhook client a test made itself, idle for up to a minute): not judged
        while (!threadsOfOurPools(before).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), threadsOfOurPools(before));
        List<String> keepingTheJvm = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                // DynamoDB Local's Jetty ("qtp...") grows with how many requests come at once (the
                // sweep's parallel workers), whichever round brings them: its threads, not the context's
                .filter(t -> !t.getName().startsWith("qtp"))
                .map(Thread::getName).toList();
        assertEquals(List.of(), keepingTheJvm, "non-daemon threads the context left behind");
    }

    private static void runAndClose() throws Exception {
        FunctionHarness harness = FunctionHarness.start();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            useEveryPool(harness, receiver);
            assertTrue(threadsOfOurPools().size() >= OUR_POOLS.size(), "each pool has run: " + threadsOfOurPools());
        } finally {
            harness.close();
        }
    }

    private static void useEveryPool(FunctionHarness harness, WebhookReceiver receiver) throws Exception {
        List<String> many = IntStream.range(0, 150).mapToObj(i -> UUID.randomUUID().toString()).toList();
        assertEquals(0, harness.repository().findUsers(many).size(), "two batched reads, side by side");

        String token = harness.userToken(CONTOSO, ADELE);
        Reply batch = harness.post("/v1.0/$batch", token, """
                {"requests":[{"id":"1","method":"GET","url":"/me/presence"},
                             {"id":"2","method":"GET","url":"/me/presence","dependsOn":["1"]}]}""");
        assertEquals(200, batch.status(), batch::toString);

        assertTrue(harness.context.getBean(WebhookClient.class)
                .post(receiver.url("/hook"), "{}".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS));

        // the sweep reads the due index's slices on its workers
        new PresenceScheduleFunction(harness.context).execute(new ScheduledEvent());
        // the pool subscriptions are looked after on is the context's: TimeDrivenChanges takes it by this name
        harness.context.getBean(WorkerPools.class).fixed("due-subscription", 16)
                .submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private static List<String> threadsOfOurPools() {
        return threadsOfOurPools(Set.of());
    }

    private static List<String> threadsOfOurPools(Set<Thread> notJudged) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !notJudged.contains(t))
                .map(Thread::getName)
                .filter(name -> OUR_POOLS.stream().anyMatch(name::startsWith)).sorted().toList();
    }

    @Test
    void aClosedContextHandsOutNoPool() throws Exception {
        WorkerPools pools = new WorkerPools();
        ExecutorService pool = pools.fixed("p", 1);
        pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
        pools.close();
        assertTrue(pool.isTerminated());
        // a function made after the close would otherwise start threads nothing stops
        assertThrows(IllegalStateException.class, () -> pools.fixed("p", 1));
    }
}
