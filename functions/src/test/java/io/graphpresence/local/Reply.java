package io.graphpresence.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A function's answer as a test reads it. */
public record Reply(int status, Map<String, String> headers, String body, JsonMapper mapper) {

    public Map<String, Object> json() {
        try {
            return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    @SuppressWarnings("unchecked")
    public String errorCode() {
        return (String) ((Map<String, Object>) json().get("error")).get("code");
    }

    public String availability() {
        return (String) json().get("availability");
    }

    public String activity() {
        return (String) json().get("activity");
    }

    public String pair() {
        return availability() + "/" + activity();
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
