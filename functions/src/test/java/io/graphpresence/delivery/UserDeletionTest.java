package io.graphpresence.delivery;

import io.graphpresence.local.ClockSensitive;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Reply;
import io.graphpresence.local.WebhookReceiver;
import io.graphpresence.store.TableLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deleting a user deletes what is theirs: their presence, their calendar events (near and far),
 * the watches of them with what was pending for them, and the subscription they made as a
 * delegated user. Afterwards the table holds no key of theirs, under any prefix, in the table
 * or its due index; and no read, notification or schedule run speaks of them again.
 */
@ClockSensitive
class UserDeletionTest {

    private static final Duration ARRIVES = Duration.ofSeconds(5);
    /** The admin API's tenant administrator role (admin.AdminRoles). */
    private static final String TENANT_ADMIN = "Presence.Admin";

    private LocalStack stack;
    private LocalHttp http;
    private WebhookReceiver receiver;
    private DynamoDbClient dynamo;

    @BeforeEach
    void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
        http = new LocalHttp(stack);
        receiver = new WebhookReceiver();
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create(stack.dynamoEndpoint()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        dynamo.close();
        receiver.close();
        stack.close();
    }

    @Test
    void nothingOfADeletedUserRemainsAndNothingSpeaksOfThemAgain() throws Exception {
        Instant now = stack.clock().instant();
        // another application watches Megan and Adele; Megan herself watches Adele
        String watchingHer = subscribe(appToken("Presence.Read.All"),
                "communications/presences?$filter=id in ('" + ADELE + "','" + MEGAN + "')");
        String hers = subscribe(stack.tokens().mint(CONTOSO, APP, MEGAN, List.of("Presence.Read.All"), null,
                Duration.ofDays(1)), "communications/presences/" + ADELE);
        receiver.drain(Duration.ofMillis(1500));
        // a meeting today (on her item) and one next week (in the due index), a session, a status
        assertEquals(201, event(now.plus(Duration.ofMinutes(30))).status());
        assertEquals(201, event(now.plus(Duration.ofDays(7))).status());
        assertEquals(200, http.call("POST", "/v1.0/users/" + MEGAN + "/presence/setStatusMessage",
                appToken("Presence.ReadWrite.All"), "{\"statusMessage\":{\"message\":{\"content\":\"Away\"}}}").status());
        // the watcher's endpoint fails: a notification of her is left pending
        receiver.answerWith(500);
        setPresence(MEGAN, "Busy", "InACall");
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (receiver.failedPosts() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(receiver.failedPosts() > 0, "a delivery failed");
        assertFalse(keysOf(MEGAN).isEmpty(), "before: " + keysOf(MEGAN));
        assertTrue(keysOf(MEGAN).stream().anyMatch(k -> k.startsWith("PENDING#" + watchingHer)), "a delivery is pending");
        receiver.answerWith(200);

        Reply deleted = http.call("DELETE", "/admin/tenants/" + CONTOSO + "/users/" + MEGAN,
                stack.tokens().mint(CONTOSO, "admin-console", null, null, List.of(TENANT_ADMIN),
                        Duration.ofDays(1)), null);
        assertEquals(204, deleted.status(), deleted.body());

        assertEquals(List.of(), keysOf(MEGAN), "no key of hers under any prefix");
        for (String prefix : List.of("USER#", "EVENTS#", "WATCH#")) {
            assertEquals(List.of(), partition(prefix + MEGAN), prefix);
        }
        for (String sub : List.of(watchingHer, hers)) {
            assertTrue(item("PENDING#" + sub, "USER#" + MEGAN).isEmpty(), "pending for " + sub);
        }
        assertTrue(item("APP#" + CONTOSO + "#" + APP, "SUB#" + hers).isEmpty(), "her subscription");
        assertEquals(List.of(), keysOf(MEGAN, "due"), "nothing of hers is due");
        // a renewal of the other application's subscription writes its watches again: not hers
        Reply renewed = http.call("PATCH", "/v1.0/subscriptions/" + watchingHer, appToken("Presence.Read.All"),
                "{\"expirationDateTime\":\"" + stack.clock().instant().plus(Duration.ofMinutes(58)) + "\"}");
        assertEquals(200, renewed.status(), renewed.body());
        assertEquals(List.of(), keysOf(MEGAN), "a renewal watches her no more");

        // reads
        assertEquals(404, http.call("GET", "/v1.0/users/" + MEGAN + "/presence", appToken("Presence.Read.All"), null)
                .status());
        assertEquals(404, http.call("GET", "/v1.0/subscriptions/" + hers, appToken("Presence.Read.All"), null).status());
        // notifications and schedule runs: what was pending, her fading session, her meetings, her
        // subscription's expiry; Adele's change reaches only the other application, of Adele alone
        receiver.drain(Duration.ofMillis(1500));
        setPresence(ADELE, "Away", "Away");
        // the other application's endpoint failed before: Adele's change waits for its retry
        long pending = System.nanoTime() + ARRIVES.toNanos();
        while (item("PENDING#" + watchingHer, "USER#" + ADELE).isEmpty() && System.nanoTime() < pending) {
            Thread.sleep(50);
        }
        List<String> posts = new ArrayList<>();
        for (String by : List.of("PT1M", "PT30M", "PT2H", "P1D", "P8D")) {
            assertEquals(200, http.moveClock(by).status());
            posts.addAll(receiver.drain(Duration.ofMillis(1000)));
        }
        assertTrue(posts.stream().anyMatch(p -> p.contains(ADELE) && p.contains(watchingHer)),
                "the other application still hears of Adele: " + posts);
        posts.forEach(post -> assertFalse(post.contains(MEGAN), post));
        assertFalse(posts.stream().anyMatch(p -> p.contains(hers)), "her subscription is gone");
        assertEquals(List.of(), keysOf(MEGAN), "and nothing of hers came back");
    }

    private String appToken(String... roles) {
        return stack.tokens().mint(CONTOSO, APP, null, null, List.of(roles), Duration.ofDays(1));
    }

    private String subscribe(String token, String resource) throws Exception {
        Instant expiry = stack.clock().instant().plus(Duration.ofMinutes(59));
        Reply created = http.call("POST", "/v1.0/subscriptions", token, "{\"changeType\":\"updated\",\"notificationUrl\":\""
                + receiver.url("/hook") + "\",\"resource\":\"" + resource + "\",\"expirationDateTime\":\"" + expiry + "\"}");
        assertEquals(201, created.status(), created.body());
        return (String) created.json().get("id");
    }

    private Reply event(Instant start) throws Exception {
        return http.call("POST", "/v1.0/users/" + MEGAN + "/events",
                stack.tokens().mint(CONTOSO, "calendar-app", null, null, List.of("Calendars.ReadWrite"), Duration.ofDays(1)),
                "{\"subject\":\"Sync\",\"showAs\":\"busy\",\"start\":" + at(start) + ",\"end\":"
                        + at(start.plus(Duration.ofHours(1))) + "}");
    }

    private static String at(Instant instant) {
        return "{\"dateTime\":\"" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "\",\"timeZone\":\"UTC\"}";
    }

    private void setPresence(String user, String availability, String activity) throws Exception {
        assertEquals(200, http.call("POST", "/v1.0/users/" + user + "/presence/setPresence",
                appToken("Presence.ReadWrite.All"), "{\"sessionId\":\"" + APP + "\",\"availability\":\"" + availability
                        + "\",\"activity\":\"" + activity + "\",\"expirationDuration\":\"PT1H\"}").status());
    }

    /** Every key in the table (a test may scan) naming the user, in its partition or its sort key. */
    private List<String> keysOf(String user) {
        return keysOf(user, null);
    }

    /** @param index an index to scan instead of the table, or null */
    private List<String> keysOf(String user, String index) {
        List<String> keys = new ArrayList<>();
        dynamo.scanPaginator(s -> s.tableName(LocalStack.TABLE).indexName(index)).items().forEach(item -> {
            String key = item.get(TableLayout.PARTITION_KEY).s() + " / " + item.get(TableLayout.SORT_KEY).s();
            if (key.contains(user)) {
                keys.add(key);
            }
        });
        return keys;
    }

    private List<Map<String, AttributeValue>> partition(String pk) {
        return dynamo.query(q -> q.tableName(LocalStack.TABLE).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(g -> g.tableName(LocalStack.TABLE).key(Map.of(TableLayout.PARTITION_KEY,
                AttributeValue.fromS(pk), TableLayout.SORT_KEY, AttributeValue.fromS(sk)))).item();
    }
}
