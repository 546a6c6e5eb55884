package io.graphpresence.queues;

import io.graphpresence.store.DueTimer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SQS delays are whole seconds: rounded down, so rounding never makes a change late. */
class TimerDelayTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private static int delayFor(long millisAhead) {
        return SqsChangeTimers.delaySeconds(new DueTimer("USER#u", "PRESENCE", NOW.plusMillis(millisAhead)), NOW);
    }

    @Test
    void theDelayIsTheWaitRoundedDownAndCappedAtFifteenMinutes() {
        assertEquals(2, delayFor(2_999));
        assertEquals(3, delayFor(3_000));
        assertEquals(0, delayFor(400));
        assertEquals(0, delayFor(-5_000), "overdue: at once");
        assertEquals(900, delayFor(3_600_000));
    }
}
