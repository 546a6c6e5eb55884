package io.graphpresence.calendar;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.local.FunctionHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A bug is not a malformed event: whatever a bug throws (IllegalArgumentException and
 * ClassCastException included, which used to read as "dropped") fails the invocation, so
 * EventBridge retries it and parks it in the dead-letter queue; only a malformed event is
 * dropped.
 */
class CalendarBusBugTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start(Map.of(BuggyCalendarStore.ENABLED, true));

    private static ScheduledEvent event(String source) {
        ScheduledEvent event = new ScheduledEvent();
        event.setId("bug-test");
        event.setSource(source);
        event.setDetailType("CalendarEventChanged");
        event.setDetail(Map.of("tenantId", CONTOSO, "userId", ADELE, "eventId", "evt-bug",
                "start", "2030-01-01T10:00:00Z", "end", "2030-01-01T11:00:00Z", "showAs", "busy",
                "isCancelled", false, "lastModifiedDateTime", "2029-12-01T10:00:00Z"));
        return event;
    }

    @Test
    void whatABugThrowsFailsTheInvocation() {
        BuggyCalendarStore store = harness.context.getBean(BuggyCalendarStore.class);
        CalendarBusFunction function = new CalendarBusFunction(harness.context);
        for (RuntimeException bug : List.of(new IllegalArgumentException("a bug"), new ClassCastException("a bug"),
                new IllegalStateException("a bug"), new NullPointerException("a bug"))) {
            store.failWith(bug);
            assertSame(bug, assertThrows(RuntimeException.class, () -> function.execute(event(CalendarBusFunction.SOURCE))),
                    bug.getClass().getSimpleName());
        }
        // the control: a malformed event, through the same function, is dropped
        assertEquals("dropped", function.execute(event("somewhere.else")));
    }
}
