package io.graphpresence.delivery;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.graphpresence.presence.CalendarBlock;
import io.graphpresence.presence.PresenceAggregator;
import io.graphpresence.presence.PresenceView;
import io.graphpresence.store.ChangedUser;
import io.graphpresence.store.PresenceRepository;
import io.graphpresence.store.StoreUnavailableException;
import io.graphpresence.store.StreamImages;
import io.graphpresence.store.UserRecord;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The DynamoDB stream consumer: every write to a user's item (a call, or the schedule's mark
 * that time changed something) arrives here. When what readers see differs from what was last
 * notified, watchers are told; then the user's "next change at" is kept up to date. A batch
 * that fails on storage reports the failed record, so Lambda retries from there.
 */
public class PresenceStreamFunction extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceStreamFunction.class);

    private final PresenceRepository repository = getApplicationContext().getBean(PresenceRepository.class);
    private final ChangeDispatcher dispatcher = getApplicationContext().getBean(ChangeDispatcher.class);
    private final Clock clock = getApplicationContext().getBean(Clock.class);

    public PresenceStreamFunction() {
    }

    public PresenceStreamFunction(ApplicationContext context) {
        super(context);
    }

    /** The latest image of one user in this batch, and the record it came in. */
    private record Latest(String sequenceNumber, ChangedUser user) {
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        Map<String, Latest> latest = latestPerUser(event);
        if (latest.isEmpty()) {
            return new StreamsEventResponse(List.of());
        }
        Instant now = clock.instant();
        try {
            List<UserRecord> changed = new ArrayList<>();
            latest.values().forEach(l -> {
                PresenceView view = PresenceAggregator.view(l.user().record().presence(), now);
                if (!view.fingerprint().equals(l.user().shown())) {
                    changed.add(l.user().record());
                }
            });
            dispatcher.usersChanged(changed, now);
            latest.values().forEach(l -> remember(l.user(), now));
            return new StreamsEventResponse(List.of());
        } catch (StoreUnavailableException e) {
            // everything from the earliest user of this batch is retried; deliveries are at least once
            LOG.warn("Storage unavailable while notifying; the batch will be retried: {}", e.toString());
            String first = latest.values().stream().map(Latest::sequenceNumber).min(String::compareTo).orElseThrow();
            return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(first)));
        }
    }

    private static Map<String, Latest> latestPerUser(DynamodbEvent event) {
        Map<String, Latest> latest = new LinkedHashMap<>();
        if (event.getRecords() == null) {
            return latest;
        }
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (record.getDynamodb() == null) {
                continue;
            }
            StreamImages.user(record.getDynamodb().getNewImage()).ifPresent(user ->
                    latest.put(user.record().user().id(), new Latest(record.getDynamodb().getSequenceNumber(), user)));
        }
        return latest;
    }

    /**
     * What was notified, and when the presence next changes by itself, written only when
     * either moved; meetings that ended leave the item in the same write.
     */
    private void remember(ChangedUser user, Instant now) {
        var presence = user.record().presence();
        String shown = PresenceAggregator.view(presence, now).fingerprint();
        Instant next = PresenceAggregator.nextChangeAfter(presence, now).orElse(null);
        List<String> ended = presence.calendar().stream().filter(b -> !b.end().isAfter(now))
                .map(CalendarBlock::eventId).toList();
        if (!shown.equals(user.shown()) || !Objects.equals(next, user.dueAt()) || !ended.isEmpty()) {
            repository.recordNotified(user.record().user().id(), presence.version(), shown, next, ended);
        }
    }
}
