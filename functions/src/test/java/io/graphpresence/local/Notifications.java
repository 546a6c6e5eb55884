package io.graphpresence.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Change notifications as a test waits for them. Waits end on a condition with a deadline;
 * a check that nothing reaches a receiver is made only right after a control subscription,
 * watching the same user, has received the change, so the quiet period is one in which
 * deliveries were shown to happen.
 */
public final class Notifications {

    /** How long a notification may take to arrive: a generous deadline, not a timing promise. */
    public static final Duration ARRIVES = Duration.ofSeconds(10);
    /** How long a receiver must stay quiet after its control heard the same change. */
    public static final Duration QUIET = Duration.ofMillis(1500);

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private Notifications() {
    }

    /**
     * Every notification that reaches {@code receiver}, in order of arrival, up to and
     * including the POST that carries one matching {@code last} (all of that POST); fails
     * when none does within {@link #ARRIVES}.
     */
    public static List<Map<String, Object>> until(WebhookReceiver receiver, Predicate<Map<String, Object>> last)
            throws InterruptedException {
        List<Map<String, Object>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (System.nanoTime() < deadline) {
            String post = receiver.next(Duration.ofMillis(200));
            if (post == null) {
                continue;
            }
            List<Map<String, Object>> value = parse(post);
            seen.addAll(value);
            if (value.stream().anyMatch(last)) {
                return seen;
            }
        }
        throw new AssertionError("no such notification within " + ARRIVES + "; arrived before: " + seen);
    }

    /** A notification of {@code user}'s presence carrying {@code sequenceNumber}. */
    public static Predicate<Map<String, Object>> of(String user, String sequenceNumber) {
        return n -> ("communications/presences/" + user).equals(n.get("resource"))
                && sequenceNumber.equals(sequenceNumber(n));
    }

    @SuppressWarnings("unchecked")
    public static String sequenceNumber(Map<String, Object> notification) {
        Map<String, Object> data = (Map<String, Object>) notification.get("resourceData");
        return data == null ? null : (String) data.get("sequenceNumber");
    }

    /**
     * Asserts that nothing reaches {@code silent} for {@link #QUIET}. Call it only once a
     * control watching the same change has received it.
     */
    public static void assertQuiet(WebhookReceiver silent, String why) throws InterruptedException {
        assertEquals(List.of(), silent.drain(QUIET), why);
    }

    /** Waits, with a deadline, until {@code receiver} has answered {@code count} POSTs with a failure. */
    public static void awaitFailedPosts(WebhookReceiver receiver, int count) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (receiver.failedPosts() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(count, receiver.failedPosts(), "POSTs answered with a failure");
    }

    /**
     * Reads every POST reaching {@code receiver} into {@code heard} (each subscription's sequence
     * numbers, in order of arrival) until {@code subscriptions} of them have heard
     * {@code sequenceNumber}; fails when they have not within {@link #ARRIVES}.
     */
    public static void untilEveryoneHeard(WebhookReceiver receiver, int subscriptions, String sequenceNumber,
                                          Map<String, List<String>> heard) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (heard.values().stream().filter(s -> s.contains(sequenceNumber)).count() < subscriptions
                && System.nanoTime() < deadline) {
            String post = receiver.next(Duration.ofMillis(200));
            if (post != null) {
                parse(post).forEach(n -> heard.computeIfAbsent((String) n.get("subscriptionId"),
                        s -> new ArrayList<>()).add(sequenceNumber(n)));
            }
        }
        assertEquals(subscriptions, heard.values().stream().filter(s -> s.contains(sequenceNumber)).count(),
                "subscriptions that heard " + sequenceNumber + ": " + heard);
    }

    /** The notifications of one POST body. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parse(String post) {
        try {
            Map<String, Object> body = JSON.readValue(post, Argument.mapOf(String.class, Object.class));
            return (List<Map<String, Object>>) body.get("value");
        } catch (IOException e) {
            throw new UncheckedIOException("Not a notification POST: " + post, e);
        }
    }
}
