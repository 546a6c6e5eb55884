package io.graphpresence.conformance;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The aggregation cases: each starts from a user with no state, applies its events at their
 * offsets, reads at {@code readAt} and expects the fields named in {@code expect}. The
 * project's own copy is {@code conformance/aggregation.json} on the test class path.
 */
public final class ConformanceCases {

    public static final String RESOURCE = "/conformance/aggregation.json";

    private final Map<String, Map<String, Object>> byName;

    private ConformanceCases(Map<String, Map<String, Object>> byName) {
        this.byName = byName;
    }

    /** The project's own cases. */
    public static ConformanceCases project(JsonMapper json) {
        try (InputStream in = ConformanceCases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return parse(json, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static ConformanceCases parse(JsonMapper json, byte[] suiteJson) throws IOException {
        Map<String, Object> suite = json.readValue(suiteJson, Argument.mapOf(String.class, Object.class));
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) suite.get("cases")) {
            if (byName.put((String) c.get("name"), c) != null) {
                throw new IllegalArgumentException("Two cases are named " + c.get("name"));
            }
        }
        return new ConformanceCases(byName);
    }

    public List<Map<String, Object>> all() {
        return List.copyOf(byName.values());
    }

    /**
     * What this set lacks of {@code other}: each case of {@code other} that is missing here by
     * name, or present with different events, read time or expectation. Empty when this set
     * holds every case of {@code other} (it may hold more).
     */
    public List<String> missingOrDifferentFrom(ConformanceCases other) {
        List<String> problems = new ArrayList<>();
        other.byName.forEach((name, theirs) -> {
            Map<String, Object> ours = byName.get(name);
            if (ours == null) {
                problems.add("missing: \"" + name + "\"");
                return;
            }
            for (String field : List.of("events", "readAt", "expect")) {
                if (!Objects.equals(ours.get(field), theirs.get(field))) {
                    problems.add("\"" + name + "\" differs in " + field + ": ours " + ours.get(field)
                            + ", theirs " + theirs.get(field));
                }
            }
        });
        return problems;
    }
}
