package io.graphpresence.sdk;

import com.microsoft.graph.models.Presence;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack throttles as AWS does. With a small limit over a short window (a real,
 * ticking clock): the official Java SDK's retry handler waits out Retry-After and every call
 * succeeds; a plain HTTP client sees the 429 and its header.
 */
class GraphSdkThrottlingTest {

    private static final int LIMIT = 4;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null, Map.of(
                "presence.throttle.reads.limit", LIMIT, "presence.throttle.reads.window", "2s")));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void theSdkWaitsOutRetryAfterAndEveryCallSucceeds() {
        GraphServiceClient graph = LocalGraphClients.withToken(stack, stack.tokens().mint(CONTOSO,
                "bbbbbbbb-0000-4000-8000-000000000001", ADELE, null, null, Duration.ofHours(1)));
        List<String> read = new ArrayList<>();
        for (int i = 0; i < 3 * LIMIT; i++) {
            Presence presence = graph.me().presence().get();
            read.add(presence.getId());
        }
        assertEquals(3 * LIMIT, read.size());
        assertTrue(read.stream().allMatch(ADELE::equals));
    }

    @Test
    void aPlainClientSeesThe429AndItsRetryAfter() throws Exception {
        String token = stack.tokens().mint(CONTOSO, "bbbbbbbb-0000-4000-8000-000000000002", ADELE, null, null,
                Duration.ofHours(1));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1.0/me/presence"))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<String> response;
        int calls = 0;
        do {
            response = http.send(get, HttpResponse.BodyHandlers.ofString());
            calls++;
        } while (response.statusCode() == 200 && calls <= 4 * LIMIT);
        assertEquals(429, response.statusCode(), response::body);
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        assertTrue(response.body().contains("\"code\":\"TooManyRequests\""), response::body);
    }
}
