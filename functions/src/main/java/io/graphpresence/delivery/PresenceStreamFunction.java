package io.graphpresence.delivery;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.graphpresence.presence.CalendarBlock;
import io.graphpresence.presence.PresenceAggregator;
import io.graphpresence.store.ChangedUser;
import io.graphpresence.store.DueWorkStore;
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

    private final DueWorkStore dueWork = getApplicationContext().getBean(DueWorkStore.class);
    private final ChangeDispatcher dispatcher = getApplicationContext().getBean(ChangeDispatcher.class);
    private final Clock clock = getApplicationContext().getBean(Clock.class);

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
        Instant now = clock.instant();
        Map<String, Latest> latest = latestPerUser(event, now);
        if (latest.isEmpty()) {
            return new StreamsEventResponse(List.of());
        }
        try {
            List<UserRecord> changed = new ArrayList<>();
            Map<Latest, String> shown = new LinkedHashMap<>();
            latest.values().forEach(l -> {
                String current = PresenceAggregator.view(l.user().record().presence(), now).fingerprint();
                shown.put(l, current);
                if (!current.equals(l.baseline(now))) {
                    changed.add(l.user().record());
                }
            });
            dispatcher.usersChanged(changed, now);
            shown.forEach((l, current) -> remember(l.user(), current, now));
            return new StreamsEventResponse(List.of());
        } catch (StoreUnavailableException e) {
            // everything from the earliest user of this batch is retried; deliveries are at least once
            LOG.warn("Storage unavailable while notifying; the batch will be retried: {}", e.toString());
            // sequence numbers are decimal strings of varying length: compared as numbers
            String first = latest.values().stream().map(Latest::sequenceNumber)
                    .min(java.util.Comparator.comparing(java.math.BigInteger::new)).orElseThrow();
            return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(first)));
        }
    }

    private static Map<String, Latest> latestPerUser(DynamodbEvent event, Instant now) {
        Map<String, Latest> latest = new LinkedHashMap<>();
        if (event.getRecords() == null) {
            return latest;
        }
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (record.getDynamodb() == null) {
                continue;
            }
            var stream = record.getDynamodb();
            StreamImages.user(stream.getNewImage()).ifPresent(user -> {
                Latest first = latest.get(user.record().user().id());
                String before = first != null ? first.before() : StreamImages.user(stream.getOldImage())
                        .map(old -> old.shown() != null ? old.shown()
                                : PresenceAggregator.view(old.record().presence(), now).fingerprint())
                        .orElse(null);
                latest.put(user.record().user().id(), new Latest(stream.getSequenceNumber(), user, before));
            });
        }
        return latest;
    }

    /**
     * What was notified, and when the presence next changes by itself, written only when
     * either moved; meetings that ended leave the item in the same write.
     */
    private void remember(ChangedUser user, String shown, Instant now) {
        var presence = user.record().presence();
        Instant next = PresenceAggregator.nextChangeAfter(presence, now).orElse(null);
        List<String> ended = presence.calendar().stream().filter(b -> !b.end().isAfter(now))
                .map(CalendarBlock::eventId).toList();
        if (!shown.equals(user.shown()) || !Objects.equals(next, user.dueAt()) || !ended.isEmpty()) {
            dueWork.recordNotified(user.record().user().id(), shown, next, ended);
        }
    }
}
