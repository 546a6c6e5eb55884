package io.graphpresence.delivery;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.TestQueues;
import io.graphpresence.local.LocalQueuePoller;
import io.graphpresence.local.Notifications;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import io.graphpresence.observe.Metrics;
import io.graphpresence.presence.PresenceAggregator;
import io.graphpresence.queues.SqsFanOutQueue;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.SubscriptionKey;
import io.graphpresence.store.SubscriptionStore;
import io.graphpresence.store.UserRecord;
import io.graphpresence.webhook.WebhookClient;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fan-out through the queue (docs/fan-out.md), on DynamoDB Local and ElasticMQ
 * over the real SDKs, with small bounds so that a dozen subscriptions make several groups of
 * several batches: a worker that dies between taking a batch and finishing it loses nothing,
 * and every subscriber hears of every change, in sequence-number order.
 */
class FanOutQueueTest {

    private static final int SUBSCRIPTIONS = 12;
    @RegisterExtension
    static final TestQueues QUEUES = TestQueues.start();
    private static final SqsClient CLIENT = QUEUES.client;
    /** A taken batch comes back after a second, so the test waits seconds, not SQS's default 30. */
    private static final String QUEUE = CLIENT.createQueue(b -> b.queueName("fanout-test.fifo").attributes(Map.of(
            QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start(Map.of(
            "aws.services.sqs.endpoint-override", QUEUES.server.endpoint(), "presence.fanout.queue-url", QUEUE,
            "presence.fanout.inline-max", 3, "presence.fanout.groups", 2, "presence.fanout.batch", 3));

    /** What a worker killed mid-batch looks like from the outside: it stops, and never deletes its message. */
    static final class WorkerDied extends Error {
    }

    @Test
    void aWorkerThatDiesMidBatchLosesNothingAndEverySubscriberHearsEveryChangeInOrder() throws Exception {
        String user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Watched"));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                subscribe(receiver.url("/hook/" + i), user);
            }
            String first = change(user, "Busy", "InACall");
            assertTrue(queued() >= 4, "two groups of six, in batches of three at most");

            int posted = dieMidBatch();
            assertTrue(posted >= 1, "the worker died after posting part of its batch");

            try (LocalQueuePoller workers = new LocalQueuePoller(CLIENT, QUEUE,
                    new FanOutFunction(harness.context)::execute, 2)) {
                workers.start();
                Map<String, List<String>> heard = new LinkedHashMap<>();
                Notifications.untilEveryoneHeard(receiver, SUBSCRIPTIONS, first, heard);
                String second = change(user, "Away", "Away");
                Notifications.untilEveryoneHeard(receiver, SUBSCRIPTIONS, second, heard);

                assertEquals(SUBSCRIPTIONS, heard.size(), "every subscription heard");
                heard.forEach((subscription, sequence) -> {
                    assertTrue(sequence.contains(first) && sequence.contains(second), subscription + ": " + sequence);
                    assertEquals(sequence.stream().sorted().toList(), sequence,
                            subscription + " heard the changes in order: " + sequence);
                });
            }
            assertEquals(0, queued(), "every batch was finished and deleted");
        }
    }

    @Test
    void aUserWithFewWatchersIsNotifiedAtOnceWithoutTheQueue() throws Exception {
        String user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Quiet"));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            for (int i = 0; i < 3; i++) {
                subscribe(receiver.url("/few/" + i), user);
            }
            String sequence = change(user, "Busy", "InACall");
            assertEquals(0, queued(), "three watchers are within the inline bound");
            Set<String> heard = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                heard.addAll(Notifications.until(receiver, Notifications.of(user, sequence)).stream()
                        .map(n -> (String) n.get("subscriptionId")).toList());
            }
            assertEquals(3, heard.size());
        }
    }

    @Test
    void oneCallPostsNoMoreThanItsBoundItselfAndQueuesTheUsersPastIt() throws Exception {
        List<String> users = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            for (String user : users) {
                harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Two"));
                subscribe(receiver.url("/" + user + "/a"), user);
                subscribe(receiver.url("/" + user + "/b"), user);
            }
            for (String user : users) {
                setPresence(user, "Busy", "InACall");
            }
            Instant now = harness.clock.instant();
            harness.context.getBean(ChangeDispatcher.class).usersChanged(
                    harness.repository().findUsers(users).values(), now, Instant.now());

            // two and two watchers against a bound of three: whichever came first is posted, the other queued
            List<Message> queuedBatches = CLIENT.receiveMessage(b -> b.queueUrl(QUEUE).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            Set<String> queuedUsers = new HashSet<>();
            queuedBatches.forEach(m -> queuedUsers.add(FanOutBatch.fromMessage(m.body()).userId()));
            queuedBatches.forEach(m -> CLIENT.deleteMessage(b -> b.queueUrl(QUEUE).receiptHandle(m.receiptHandle())));
            assertEquals(1, queuedUsers.size(), queuedUsers.toString());
            Set<String> posted = new HashSet<>();
            for (String post = receiver.next(Notifications.ARRIVES); post != null && posted.size() < 2;
                 post = receiver.next(Duration.ofSeconds(1))) {
                Notifications.parse(post).forEach(n -> posted.add((String) n.get("resource")));
            }
            String inline = users.stream().filter(u -> !queuedUsers.contains(u)).findFirst().orElseThrow();
            assertEquals(Set.of("communications/presences/" + inline), posted, "only the first user was posted at once");
        }
    }

    @Test
    void aFailedBatchFailsTheRestOfItsGroupInTheInvocationAndNoOtherGroup() throws Exception {
        String user = UUID.randomUUID().toString();
        harness.repository().putUser(new DirectoryUser(user, CONTOSO, user + "@contoso.com", "Grouped"));
        try (WebhookReceiver waiting = new WebhookReceiver(); WebhookReceiver control = new WebhookReceiver()) {
            SubscriptionKey waits = new SubscriptionKey(CONTOSO, APP, subscribe(waiting.url("/waits"), user));
            SubscriptionKey goes = new SubscriptionKey(CONTOSO, APP, subscribe(control.url("/goes"), user));
            setPresence(user, "Busy", "InACall");
            // a key DynamoDB refuses (a partition key over 2,048 bytes): its batch fails like an outage
            SubscriptionKey refused = new SubscriptionKey("t".repeat(3_000), APP, "refused");
            Instant changed = Instant.now();
            SQSEvent event = sqsEvent(new FanOutBatch(user, "1", changed, 0, List.of(refused)),
                    new FanOutBatch(user, "1", changed, 0, List.of(waits)),
                    new FanOutBatch(user, "1", changed, 1, List.of(goes)));

            SQSBatchResponse response = new FanOutFunction(harness.context).execute(event);

            assertEquals(List.of("m0", "m1"), response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList(),
                    "the failed batch and the later one of its group, not the other group's");
            assertTrue(control.next(Notifications.ARRIVES) != null, "the other group's batch was delivered");
            Notifications.assertQuiet(waiting, "the later batch of the failed group was not tried");
        }
    }

    @Test
    void aQueueThatRefusesTheBatchesFailsTheChangeSoThatItIsTriedAgain() {
        SqsFanOutQueue missing = new SqsFanOutQueue(QUEUE.replace("fanout-test", "no-such-queue"), 3, 2, 3, () -> CLIENT);
        List<FanOutBatch> batches = missing.split("u", "1", Instant.now(), List.of(new SubscriptionKey(CONTOSO, APP, "s")));
        assertThrows(FanOutUnavailableException.class, () -> missing.send(batches));
    }

    private static SQSEvent sqsEvent(FanOutBatch... batches) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (FanOutBatch batch : batches) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + messages.size());
            message.setBody(batch.toMessage());
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** Takes one batch off the queue as a worker would, and dies after the first of its POSTs. */
    private static int dieMidBatch() {
        List<Message> taken = CLIENT.receiveMessage(b -> b.queueUrl(QUEUE).maxNumberOfMessages(1)).messages();
        assertEquals(1, taken.size());
        FanOutBatch batch = FanOutBatch.fromMessage(taken.get(0).body());
        assertTrue(batch.subscriptions().size() >= 2, "a batch that can be half done: " + batch.subscriptions());
        AtomicInteger posts = new AtomicInteger();
        WebhookClient dying = new WebhookClient(true) {
            @Override
            public CompletableFuture<Boolean> post(String url, byte[] json, Duration deadline) {
                if (posts.incrementAndGet() > 1) {
                    throw new WorkerDied();
                }
                return super.post(url, json, deadline);
            }
        };
        var c = harness.context;
        ChangeDispatcher worker = new ChangeDispatcher(c.getBean(SubscriptionStore.class),
                c.getBean(PresenceStore.class), c.getBean(DirectoryStore.class), dying, c.getBean(JsonMapper.class),
                c.getBean(Metrics.class), c.getBean(FanOutQueue.class));
        assertThrows(WorkerDied.class, () -> worker.deliver(batch, harness.clock.instant()));
        return posts.get() - 1;
    }

    /** A presence change, handed to the dispatcher as the stream consumer does. @return its sequence number */
    private static String change(String user, String availability, String activity) {
        setPresence(user, availability, activity);
        Instant now = harness.clock.instant();
        UserRecord record = harness.repository().findUsers(List.of(user)).get(user);
        // changedAt is wall-clock time, as the stream stamps it
        harness.context.getBean(ChangeDispatcher.class).usersChanged(List.of(record), now, Instant.now());
        return PresenceAggregator.view(record.presence(), now).sequenceNumber();
    }

    private static void setPresence(String user, String availability, String activity) {
        Reply set = harness.post("/v1.0/users/" + user + "/presence/setPresence", harness.appToken(CONTOSO, APP),
                "{\"sessionId\":\"" + APP + "\",\"availability\":\"" + availability + "\",\"activity\":\""
                        + activity + "\",\"expirationDuration\":\"PT1H\"}");
        assertEquals(200, set.status(), set.body());
    }

    /** @return the new subscription's id */
    private static String subscribe(String url, String user) {
        Reply created = harness.post("/v1.0/subscriptions", harness.appToken(CONTOSO, APP, "Presence.Read.All"),
                "{\"changeType\":\"updated\",\"notificationUrl\":\"" + url + "\",\"resource\":\"communications/presences/"
                        + user + "\",\"expirationDateTime\":\"" + harness.clock.instant().plus(Duration.ofMinutes(59))
                        + "\"}");
        assertEquals(201, created.status(), created.body());
        return (String) created.json().get("id");
    }

    private static int queued() {
        Map<QueueAttributeName, String> attributes = CLIENT.getQueueAttributes(b -> b.queueUrl(QUEUE).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
