package io.graphpresence.observe;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Embedded Metric Format a line is written in, read back as CloudWatch would. */
class MetricLineTest {

    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void aLineDeclaresItsMetricsUnitsAndDimensionsAndCarriesTheirValues() throws Exception {
        String line = MetricLine.of().dimension("Operation", "Get\"Presence").alsoAggregate()
                .count("Requests", 1).count("Requests", 2).millis("Latency", 12.5).millis("Latency", 40)
                .toJson("GraphPresence", 1_700_000_000_000L, Map.of("requestId", "r-1"));
        Map<String, Object> parsed = json.readValue(line, Argument.mapOf(String.class, Object.class));
        Map<?, ?> aws = (Map<?, ?>) parsed.get("_aws");
        assertEquals(1_700_000_000_000L, ((Number) aws.get("Timestamp")).longValue());
        Map<?, ?> directive = (Map<?, ?>) ((List<?>) aws.get("CloudWatchMetrics")).get(0);
        assertEquals("GraphPresence", directive.get("Namespace"));
        assertEquals(List.of(List.of("Operation"), List.of()), directive.get("Dimensions"));
        assertEquals(List.of(Map.of("Name", "Requests", "Unit", "Count"), Map.of("Name", "Latency", "Unit", "Milliseconds")),
                directive.get("Metrics"));
        assertEquals("Get\"Presence", parsed.get("Operation"));
        assertEquals(3, ((Number) parsed.get("Requests")).intValue(), "counts add up; durations stay samples");
        assertEquals(List.of(12.5, 40), ((List<?>) parsed.get("Latency")).stream()
                .map(n -> n instanceof Double d ? (Object) d : ((Number) n).intValue()).toList());
        assertEquals("r-1", parsed.get("requestId"));
    }

    @Test
    void theTotalsAddUpCountsAndSummariseDurations() {
        Metrics metrics = new Metrics();
        metrics.emit(MetricLine.of().count("CalendarAccepted", 1).millis("StreamLag", 10));
        metrics.emit(MetricLine.of().count("CalendarAccepted", 2).millis("StreamLag", 30));
        Map<String, Object> totals = metrics.totals().get("");
        assertEquals(3.0, totals.get("CalendarAccepted"));
        assertEquals(Map.of("samples", 2L, "averageMs", 20.0, "maxMs", 30.0), totals.get("StreamLag"));
    }
}
