package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.api.GraphError;
import io.graphpresence.api.JsonBody;
import io.graphpresence.calendar.CalendarBusFunction;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.joda.time.DateTime;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /_local/events}: EventBridge's PutEvents, locally. Each entry becomes the event
 * the rule delivers in AWS and goes to the same function, at once; like PutEvents, the answer
 * says the entries were accepted, not what the function made of them.
 */
public final class LocalEventBus {

    private final CalendarBusFunction function;
    private final JsonMapper json;
    private final Clock clock;

    public LocalEventBus(CalendarBusFunction function, JsonMapper json, Clock clock) {
        this.function = function;
        this.json = json;
        this.clock = clock;
    }

    Map<String, Object> putEvents(JsonBody request) {
        List<JsonBody> entries = request.optionalObjectArray("Entries");
        if (entries.isEmpty()) {
            throw GraphError.badRequest("Entries must list at least one event.");
        }
        List<Map<String, Object>> accepted = new ArrayList<>();
        for (JsonBody entry : entries) {
            ScheduledEvent event = event(entry);
            function.execute(event);
            accepted.add(Map.of("EventId", event.getId()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("FailedEntryCount", 0);
        answer.put("Entries", accepted);
        return answer;
    }

    private ScheduledEvent event(JsonBody entry) {
        ScheduledEvent event = new ScheduledEvent();
        event.setId(UUID.randomUUID().toString());
        event.setSource(entry.requiredString("Source"));
        event.setDetailType(entry.requiredString("DetailType"));
        event.setTime(new DateTime(clock.millis()));
        event.setAccount("000000000000");
        event.setRegion("us-east-1");
        try {
            event.setDetail(json.readValue(entry.requiredString("Detail"), Argument.mapOf(String.class, Object.class)));
        } catch (IOException | RuntimeException e) {
            throw GraphError.badRequest("Detail must be a JSON object, as text.");
        }
        return event;
    }
}
