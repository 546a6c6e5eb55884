package io.graphpresence.delivery;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.graphpresence.observe.MetricLine;
import io.graphpresence.observe.Metrics;
import io.graphpresence.observe.RequestLog;
import io.graphpresence.presence.PresenceAggregator;
import io.graphpresence.store.ChangedUser;
import io.graphpresence.store.DueTimer;
import io.graphpresence.store.DueWorkStore;
import io.graphpresence.store.StoreUnavailableException;
import io.graphpresence.store.StreamImages;
import io.graphpresence.store.UserRecord;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The DynamoDB stream consumer: every write to a user's item (a call, or the schedule's mark
 * that time changed something) arrives here. When what readers see differs from what was last
 * notified, watchers are told; then the user's "next change at" is kept up to date. Only a
 * storage failure fails records (a partial batch response, so Lambda retries from the first
 * unfinished one); a record that cannot be handled for any other reason would fail the same
 * way again, so it is logged and skipped, and a subscriber that cannot be served fails alone.
 */
public class PresenceStreamFunction extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceStreamFunction.class);

    private final DueWorkStore dueWork = getApplicationContext().getBean(DueWorkStore.class);
    private final ChangeDispatcher dispatcher = getApplicationContext().getBean(ChangeDispatcher.class);
    private final Clock clock = getApplicationContext().getBean(Clock.class);
    private final ChangeTimers timers = getApplicationContext().getBean(ChangeTimers.class);
    private final Metrics metrics = getApplicationContext().getBean(Metrics.class);

    public PresenceStreamFunction() {
    }

    public PresenceStreamFunction(ApplicationContext context) {
        super(context);
    }

    /**
     * The latest image of one user in this batch, the record it came in, and what readers saw
     * before the batch as far as notifications go: the fingerprint last notified, or for an
     * item that never had one, the view of the image before (none for a new user, who has
     * nothing to tell yet).
     */
    private record Latest(String sequenceNumber, ChangedUser user, String before) {

        String baseline(Instant now) {
            if (user.shown() != null) {
                return user.shown();
            }
            return before != null ? before : PresenceAggregator.view(user.record().presence(), now).fingerprint();
        }
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        Instant changedAt = earliestChange(event);
        MetricLine tally = MetricLine.of()
                .count("StreamRecords", event.getRecords() == null ? 0 : event.getRecords().size())
                .millis("StreamLag", Math.max(0, Duration.between(changedAt, Instant.now()).toMillis()));
        try (RequestLog log = RequestLog.start("PresenceStream", null, null)) {
            StreamsEventResponse response = handle(event, changedAt, tally);
            tally.count("StreamFailures", response.getBatchItemFailures().size());
            log.finished(response.getBatchItemFailures().isEmpty() ? "done" : "retry");
            metrics.emit(tally);
            return response;
        }
    }

    /**
     * When the oldest record of the batch was written, as the stream stamps it (wall-clock
     * time, to the second); now when no record says.
     */
    private static Instant earliestChange(DynamodbEvent event) {
        return event.getRecords() == null ? Instant.now() : event.getRecords().stream()
                .map(r -> r.getDynamodb() == null ? null : r.getDynamodb().getApproximateCreationDateTime())
                .filter(Objects::nonNull).map(java.util.Date::toInstant)
                .min(Comparator.naturalOrder()).orElseGet(Instant::now);
    }

    private StreamsEventResponse handle(DynamodbEvent event, Instant changedAt, MetricLine tally) {
        Instant now = clock.instant();
        StreamsEventResponse response = notifyAndRemember(event, now, changedAt, tally);
        // after the notifications, which must not wait for a queue
        setTimers(event, now);
        return response;
    }

    private StreamsEventResponse notifyAndRemember(DynamodbEvent event, Instant now, Instant changedAt,
                                                   MetricLine tally) {
        Map<String, Latest> latest = latestPerUser(event, now, tally);
        List<UserRecord> changed = new ArrayList<>();
        Map<Latest, String> shown = new LinkedHashMap<>();
        for (Latest l : latest.values()) {
            try {
                String current = PresenceAggregator.view(l.user().record().presence(), now).fingerprint();
                shown.put(l, current);
                if (!current.equals(l.baseline(now))) {
                    changed.add(l.user().record());
                }
            } catch (RuntimeException bug) {
                // one user's record that cannot be read must not hold up everyone after it
                LOG.error("Skipped stream record {} of user {}", l.sequenceNumber(), l.user().record().user().id(), bug);
                tally.count("StreamFailures", 1);
            }
        }
        try {
            dispatcher.usersChanged(changed, now, changedAt);
        } catch (StoreUnavailableException | FanOutUnavailableException e) {
            // everything from the earliest user of this batch is retried; deliveries are at least once
            LOG.warn("Storage or fan-out queue unavailable while notifying; the batch will be retried: {}",
                    e.toString());
            return retryFrom(shown.keySet());
        } catch (RuntimeException bug) {
            // the dispatcher isolates each subscription: what still escapes it would fail again on retry
            LOG.error("Notifying {} changed users failed; not retried", changed.size(), bug);
            tally.count("StreamFailures", 1);
        }
        List<Latest> toRemember = new ArrayList<>(shown.keySet());
        toRemember.sort(Comparator.comparing(l -> new BigInteger(l.sequenceNumber())));
        for (int i = 0; i < toRemember.size(); i++) {
            Latest l = toRemember.get(i);
            try {
                remember(l.user(), shown.get(l), now);
            } catch (StoreUnavailableException e) {
                LOG.warn("Storage unavailable; records from {} will be retried: {}", l.sequenceNumber(), e.toString());
                return retryFrom(toRemember.subList(i, toRemember.size()));
            }
        }
        return new StreamsEventResponse(List.of());
    }

    /**
     * A timer for every item whose next change this batch moved to within the timers' reach
     * (users, subscriptions, calendar events alike), the records a retry will bring again
     * included: a timer set twice is applied once. A queue that is down costs only latency:
     * the sweep still brings the change.
     */
    private void setTimers(DynamodbEvent event, Instant now) {
        if (event.getRecords() == null) {
            return;
        }
        List<DueTimer> soon = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (record.getDynamodb() != null) {
                StreamImages.dueTimer(record.getDynamodb().getNewImage(), record.getDynamodb().getOldImage())
                        .filter(timer -> timer.within(now)).ifPresent(soon::add);
            }
        }
        try {
            timers.set(soon, now);
        } catch (RuntimeException queueDown) {
            LOG.warn("{} timers not set; the sweep brings their changes: {}", soon.size(), queueDown.toString());
        }
    }

    /** A partial batch response: Lambda reads again from the earliest of these users' records. */
    private static StreamsEventResponse retryFrom(Collection<Latest> unfinished) {
        // sequence numbers are decimal strings of varying length: compared as numbers
        return unfinished.stream().map(Latest::sequenceNumber).min(Comparator.comparing(BigInteger::new))
                .map(first -> new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(first))))
                .orElseGet(() -> new StreamsEventResponse(List.of()));
    }

    private static Map<String, Latest> latestPerUser(DynamodbEvent event, Instant now, MetricLine tally) {
        Map<String, Latest> latest = new LinkedHashMap<>();
        if (event.getRecords() == null) {
            return latest;
        }
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (record.getDynamodb() == null) {
                continue;
            }
            try {
                addLatest(latest, record.getDynamodb(), now);
            } catch (RuntimeException unreadable) {
                LOG.error("Skipped unreadable stream record {}", record.getDynamodb().getSequenceNumber(), unreadable);
                tally.count("StreamFailures", 1);
            }
        }
        return latest;
    }

    private static void addLatest(Map<String, Latest> latest,
                                  com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord stream,
                                  Instant now) {
        StreamImages.user(stream.getNewImage()).ifPresent(user -> {
            Latest first = latest.get(user.record().user().id());
            String before = first != null ? first.before() : StreamImages.user(stream.getOldImage())
                    .map(old -> old.shown() != null ? old.shown()
                            : PresenceAggregator.view(old.record().presence(), now).fingerprint())
                    .orElse(null);
            latest.put(user.record().user().id(), new Latest(stream.getSequenceNumber(), user, before));
        });
    }

    /**
     * What was notified, and when the presence next changes by itself, written only when
     * either moved; meetings that ended leave the item in the same write.
     */
    private void remember(ChangedUser user, String shown, Instant now) {
        var presence = user.record().presence();
        Instant next = PresenceAggregator.nextChangeAfter(presence, now).orElse(null);
        List<String> ended = PresenceAggregator.endedMeetingsToDrop(presence, now);
        if (!shown.equals(user.shown()) || !Objects.equals(next, user.dueAt()) || !ended.isEmpty()) {
            dueWork.recordNotified(user.record().user().id(), shown, next, ended);
        }
    }
}
