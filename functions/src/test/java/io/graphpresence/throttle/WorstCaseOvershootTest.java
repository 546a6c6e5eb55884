package io.graphpresence.throttle;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.store.RequestCounter;
import io.graphpresence.store.SharedCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/throttling.md's bound, held against the real shared counter on DynamoDB Local: with I
 * instances flushing every N calls, a window accepts at least the limit L when that many are
 * asked for, and at most L + I x N - 1; storage sees one UpdateItem per N accepted calls.
 */
class WorstCaseOvershootTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();
    private static final RequestCounter requests = harness.context.getBean(RequestCounter.class);
    private static final Instant NOW = FunctionHarness.START;

    @BeforeEach
    void reset() {
        requests.reset();
    }

    /**
     * Every instance is handed calls in turn (the adversary's best order: each sees the others'
     * counts as late as possible), or at random; 3 L calls are offered in all.
     */
    @ParameterizedTest(name = "L={0}, I={1}, N={2}, random order={3}")
    @CsvSource({"1500, 1, 10, false", "1500, 5, 10, false", "1500, 5, 10, true", "1500, 20, 10, false",
            "100, 8, 10, false", "100, 8, 1, false", "30, 50, 10, true"})
    void acceptedCallsStayWithinTheDocumentedBound(long limit, int instances, int flushEvery, boolean shuffled) {
        SharedCounter shared = harness.context.getBean(SharedCounter.class);
        String app = "app-" + limit + "-" + instances + "-" + flushEvery + "-" + shuffled;
        List<RateLimiter> limiters = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            limiters.add(new RateLimiter(Map.of(ThrottleFamily.READS,
                    new ThrottleLimit(limit, Duration.ofSeconds(30))), flushEvery, shared));
        }
        Random random = new Random(limit * 31 + instances);
        long accepted = 0;
        for (int call = 0; call < 3 * limit; call++) {
            RateLimiter instance = limiters.get(shuffled ? random.nextInt(instances) : call % instances);
            try {
                instance.acquire(FunctionHarness.CONTOSO, app, ThrottleFamily.READS, NOW);
                accepted++;
            } catch (TooManyRequestsException refused) {
                assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 30);
            }
        }
        long bound = limit + (long) instances * flushEvery - 1;
        assertTrue(accepted >= limit, "accepted " + accepted + " of a limit of " + limit);
        assertTrue(accepted <= bound, "accepted " + accepted + ", bound " + bound);
        List<String> sent = requests.sent();
        assertTrue(sent.stream().allMatch("UpdateItem"::equals), sent::toString);
        assertEquals(accepted / flushEvery, sent.size(), 1.0 * instances,
                "one UpdateItem per " + flushEvery + " accepted calls, give or take each instance's last part");
    }
}
