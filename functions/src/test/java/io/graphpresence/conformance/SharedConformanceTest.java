package io.graphpresence.conformance;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The project may add aggregation cases but never silently fall behind the shared suite: where
 * {@code ../shared/conformance/aggregation.json} sits beside the repository (as in CI; the build
 * passes the repository's folder as {@code presence.repository.dir}), every case there must be in the
 * project's file with the same events, read time and expectation. Elsewhere the comparison
 * reports itself skipped; {@link ConformanceTest} runs the project's cases either way.
 */
class SharedConformanceTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Test
    void everySharedCaseIsInTheProjectsFileWithTheSameExpectation() throws Exception {
        // -Dpresence.conformance.dir names another suite; by default, one beside the repository
        String folder = System.getProperty("presence.conformance.dir", Path.of(
                System.getProperty("presence.repository.dir", ".."), "..", "shared", "conformance").toString());
        Path shared = Path.of(folder, "aggregation.json");
        assumeTrue(Files.isRegularFile(shared),
                () -> "no shared conformance suite beside the repository (looked for " + shared
                        + "); the project's own cases run in ConformanceTest");
        List<String> problems = ConformanceCases.project(JSON)
                .missingOrDifferentFrom(ConformanceCases.parse(JSON, Files.readAllBytes(shared)));
        assertEquals(List.of(), problems, "the project's conformance/aggregation.json has fallen behind " + shared);
    }

    @Test
    void aCaseMissingFromTheProjectIsReported() throws Exception {
        List<Map<String, Object>> cases = projectCases();
        Map<String, Object> dropped = cases.remove(cases.size() - 1);
        List<String> problems = suite(cases).missingOrDifferentFrom(ConformanceCases.project(JSON));
        assertEquals(List.of("missing: \"" + dropped.get("name") + "\""), problems);
    }

    @Test
    void aCaseWhoseExpectationDiffersIsReported() throws Exception {
        List<Map<String, Object>> cases = projectCases();
        Map<String, Object> changed = new LinkedHashMap<>(cases.get(0));
        changed.put("expect", Map.of("availability", "Busy", "activity", "Busy"));
        cases.set(0, changed);
        List<String> problems = suite(cases).missingOrDifferentFrom(ConformanceCases.project(JSON));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("\"" + changed.get("name") + "\" differs in expect"), problems::toString);
    }

    @Test
    void casesOfTheProjectsOwnAreAllowed() throws Exception {
        List<Map<String, Object>> cases = projectCases();
        Map<String, Object> extra = new HashMap<>(cases.get(0));
        extra.put("name", "a case the project added");
        cases.add(extra);
        assertEquals(List.of(), suite(cases).missingOrDifferentFrom(ConformanceCases.project(JSON)));
    }

    private static List<Map<String, Object>> projectCases() {
        return new ArrayList<>(ConformanceCases.project(JSON).all());
    }

    private static ConformanceCases suite(List<Map<String, Object>> cases) throws Exception {
        return ConformanceCases.parse(JSON, JSON.writeValueAsBytes(Map.of("cases", cases)));
    }
}
