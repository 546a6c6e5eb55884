package io.graphpresence.calendar;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.graphpresence.api.GraphError;
import io.graphpresence.api.JsonBody;
import io.graphpresence.api.MailboxSettingsJson;
import io.graphpresence.directory.OtherTenantException;
import io.graphpresence.directory.UserNotFoundException;
import io.graphpresence.observe.MetricLine;
import io.graphpresence.observe.Metrics;
import io.graphpresence.observe.RequestLog;
import io.graphpresence.presence.CalendarEvent;
import io.graphpresence.presence.DateTimeTimeZone;
import io.graphpresence.presence.InvalidPresenceException;
import io.graphpresence.presence.ShowAs;
import io.graphpresence.store.CalendarStore;
import io.graphpresence.store.StoreRefusedException;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Door 2 of spec section 5: calendar systems push {@code presence.calendar} events through the
 * event bus. The same domain code as Graph's event API applies them; an event older than what
 * is stored is ignored, so redelivery and disorder are harmless. A malformed event (one that
 * no retry could help: {@link MalformedEventException}, bad values, an unknown user) is logged
 * with its id and dropped; anything else, a storage outage or a bug, fails the invocation, so
 * EventBridge retries it and finally parks it in the dead-letter queue.
 */
public class CalendarBusFunction extends MicronautRequestHandler<ScheduledEvent, String> {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarBusFunction.class);
    public static final String SOURCE = "presence.calendar";

    private final CalendarStore calendar = getApplicationContext().getBean(CalendarStore.class);
    private final JsonMapper json = getApplicationContext().getBean(JsonMapper.class);
    private final Clock clock = getApplicationContext().getBean(Clock.class);
    private final Metrics metrics = getApplicationContext().getBean(Metrics.class);

    public CalendarBusFunction() {
    }

    public CalendarBusFunction(ApplicationContext context) {
        super(context);
    }

    /** @return what became of the event: applied, ignored (older than stored) or dropped (malformed) */
    @Override
    public String execute(ScheduledEvent event) {
        // EventBridge's id of the event: what a calendar system's PutEvents answered with
        try (RequestLog log = RequestLog.start("CalendarBus", event.getId(), null)) {
            String outcome = outcome(event);
            log.finished(outcome);
            emit(outcome);
            return outcome;
        }
    }

    private void emit(String outcome) {
        metrics.emit(MetricLine.of().count("CalendarAccepted", "applied".equals(outcome) ? 1 : 0)
                .count("CalendarStale", "ignored".equals(outcome) ? 1 : 0)
                .count("CalendarMalformed", "dropped".equals(outcome) ? 1 : 0));
    }

    private String outcome(ScheduledEvent event) {
        try {
            boolean applied = apply(event);
            return applied ? "applied" : "ignored";
        } catch (MalformedEventException | GraphError | InvalidPresenceException | UserNotFoundException
                 | OtherTenantException | StoreRefusedException malformed) {
            LOG.warn("Dropped calendar event {} ({}): {}", event.getId(), event.getDetailType(), malformed.getMessage());
            return "dropped";
        }
    }

    private boolean apply(ScheduledEvent event) {
        if (!SOURCE.equals(event.getSource())) {
            throw new MalformedEventException("source must be " + SOURCE + ", not " + event.getSource());
        }
        JsonBody detail = detail(event.getDetail());
        TenantUser user = new TenantUser(guid(detail, "tenantId"), guid(detail, "userId"));
        Instant modified = instant(detail, "lastModifiedDateTime");
        Instant now = clock.instant();
        return switch (String.valueOf(event.getDetailType())) {
            case "CalendarEventChanged" -> calendar.putEvent(user, changed(detail, modified), now);
            case "CalendarEventDeleted" -> calendar.deleteEvent(user, eventId(detail), modified, now);
            case "AutomaticRepliesChanged" ->
                    calendar.putMailboxSettings(user, MailboxSettingsJson.update(detail), now, modified);
            default -> throw new MalformedEventException("unknown detail-type " + event.getDetailType());
        };
    }

    private CalendarEvent changed(JsonBody detail, Instant modified) {
        String showAs = detail.optionalString("showAs");
        return new CalendarEvent(eventId(detail), null, DateTimeTimeZone.utc(instant(detail, "start")),
                DateTimeTimeZone.utc(instant(detail, "end")),
                showAs == null ? ShowAs.busy : ShowAs.parse(showAs),
                Boolean.TRUE.equals(detail.optionalBoolean("isCancelled")), false, modified);
    }

    private static String eventId(JsonBody detail) {
        String id = detail.requiredString("eventId");
        if (!EventJson.isEventId(id)) {
            throw new MalformedEventException("eventId '" + id + "' must be 1 to 200 letters, digits, - or _");
        }
        return id;
    }

    private static String guid(JsonBody detail, String name) {
        return io.graphpresence.api.GraphRequest.normalizedUserId(detail.requiredString(name));
    }

    private static Instant instant(JsonBody detail, String name) {
        String text = detail.requiredString(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(name + " '" + text + "' is not an ISO 8601 instant", e);
        }
    }

    private JsonBody detail(Map<String, Object> detail) {
        if (detail == null) {
            throw new MalformedEventException("the event has no detail");
        }
        try {
            return JsonBody.request(json, new String(json.writeValueAsBytes(detail), StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new MalformedEventException("the detail is not JSON", e);
        }
    }
}
