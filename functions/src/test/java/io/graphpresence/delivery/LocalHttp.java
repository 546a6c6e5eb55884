package io.graphpresence.delivery;

import io.graphpresence.local.LocalStack;
import io.graphpresence.local.Reply;
import io.micronaut.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Calls to a running local stack over HTTP, as a Graph client makes them. */
final class LocalHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalStack stack;
    private final JsonMapper json = JsonMapper.createDefault();

    LocalHttp(LocalStack stack) {
        this.stack = stack;
    }

    Reply call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Map.of(), response.body(), json);
    }

    Reply moveClock(String by) throws Exception {
        return call("POST", "/_local/clock", null, "{\"advance\":\"" + by + "\"}");
    }

    Map<String, Object> parse(String text) throws Exception {
        return json.readValue(text, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
    }
}
