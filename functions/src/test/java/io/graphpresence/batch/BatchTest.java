package io.graphpresence.batch;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.store.RequestCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static io.graphpresence.local.FunctionHarness.UNKNOWN_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /$batch} through the real functions: Graph's format, dependsOn, 424, and the bad batches. */
class BatchTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();
    private static final String token = harness.userToken(CONTOSO, ADELE);

    @Test
    void aMixedBatchAnswersEachRequestAsItWouldBeAnsweredAlone() {
        Reply reply = batch("v1.0", """
                {"requests":[
                 {"id":"1","method":"POST","url":"/me/presence/setPresence","headers":{"Content-Type":"application/json"},
                  "body":{"sessionId":"%s","availability":"Busy","activity":"InACall","expirationDuration":"PT1H"}},
                 {"id":"2","method":"POST","url":"me/presence/setStatusMessage","headers":{"Content-Type":"application/json"},
                  "body":{"statusMessage":{"message":{"content":"In the lab","contentType":"text"}}}},
                 {"id":"3","method":"GET","url":"/me/presence?$select=availability,activity","dependsOn":["1","2"]},
                 {"id":"4","method":"GET","url":"/users/%s/presence"},
                 {"id":"5","method":"POST","url":"/users/%s/presence/setPresence","headers":{"Content-Type":"application/json"},
                  "body":{"sessionId":"%s","availability":"Busy","activity":"InACall"}},
                 {"id":"6","method":"GET","url":"/users/not-a-guid/presence"}
                ]}""".formatted(APP, UNKNOWN_USER, MEGAN, APP));
        assertEquals(200, reply.status(), reply::toString);
        Map<String, Map<String, Object>> answers = byId(reply);
        assertEquals(200, status(answers, "1"));
        assertNull(answers.get("1").get("body"));
        assertEquals(200, status(answers, "2"));
        Map<?, ?> read = (Map<?, ?>) answers.get("3").get("body");
        assertEquals("Busy", read.get("availability"), answers::toString);
        assertEquals("InACall", read.get("activity"));
        assertTrue(((Map<?, ?>) answers.get("3").get("headers")).get("content-type").toString()
                .startsWith("application/json"));

        // errors as alone: same status, same Graph error code
        for (String[] alone : new String[][]{{"4", "GET", "/v1.0/users/" + UNKNOWN_USER + "/presence"},
                {"5", "POST", "/v1.0/users/" + MEGAN + "/presence/setPresence"},
                {"6", "GET", "/v1.0/users/not-a-guid/presence"}}) {
            Reply single = harness.call(alone[1], alone[2], token,
                    "{\"sessionId\":\"" + APP + "\",\"availability\":\"Busy\",\"activity\":\"InACall\"}");
            assertEquals(single.status(), status(answers, alone[0]), alone[0]);
            assertEquals(single.errorCode(), ((Map<?, ?>) ((Map<?, ?>) answers.get(alone[0]).get("body"))
                    .get("error")).get("code"), alone[0]);
        }
        assertEquals(404, status(answers, "4"));
        assertEquals(403, status(answers, "5"));
        assertEquals(400, status(answers, "6"));
    }

    @Test
    void dependantsOfAFailedRequestGet424AndTheRestRuns() {
        Reply reply = batch("beta", """
                {"requests":[
                 {"id":"a","method":"POST","url":"/me/presence/clearPresence","body":{"sessionId":"%s"},
                  "headers":{"content-type":"application/json"}},
                 {"id":"b","method":"GET","url":"/me/presence","dependsOn":["a"]},
                 {"id":"c","method":"GET","url":"/me/presence","dependsOn":["b"]},
                 {"id":"d","method":"GET","url":"/me/presence"}
                ]}""".formatted("99999999-9999-4999-8999-999999999999"));
        Map<String, Map<String, Object>> answers = byId(reply);
        assertEquals(403, status(answers, "a"), "another application's session");
        assertEquals(424, status(answers, "b"));
        assertEquals("FailedDependency", ((Map<?, ?>) ((Map<?, ?>) answers.get("b").get("body")).get("error"))
                .get("code"));
        assertEquals(424, status(answers, "c"), "the failure carries down the chain");
        assertEquals(200, status(answers, "d"));
    }

    @Test
    void anUnknownPathInsideABatchIsWhatItIsAloneAndABatchCannotNest() {
        Map<String, Map<String, Object>> answers = byId(batch("v1.0", """
                {"requests":[{"id":"1","method":"GET","url":"/me/nothing"},
                 {"id":"2","method":"POST","url":"/$batch","body":{"requests":[]},"headers":{"content-type":"application/json"}}]}"""));
        assertEquals(harness.get("/v1.0/me/nothing", token).status(), status(answers, "1"));
        assertEquals(400, status(answers, "2"));
    }

    /** A batch costs what its inner requests cost, and nothing more. */
    @Test
    void aBatchCostsTheSumOfItsInnerRequests() {
        RequestCounter counter = harness.context.getBean(RequestCounter.class);
        counter.reset();
        Reply reply = batch("v1.0", """
                {"requests":[{"id":"1","method":"GET","url":"/me/presence"},
                 {"id":"2","method":"GET","url":"/users/%s/presence"},
                 {"id":"3","method":"POST","url":"/me/presence/setUserPreferredPresence",
                  "headers":{"content-type":"application/json"},"body":{"availability":"Away","activity":"Away"}}]}"""
                .formatted(MEGAN));
        assertEquals(List.of(200, 200, 200), byId(reply).values().stream().map(a -> (Integer) a.get("status"))
                .toList());
        List<String> sent = counter.sent();
        assertEquals(Map.of("GetItem", 2L, "UpdateItem", 1L),
                sent.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
    }

    static Stream<String[]> badBatches() {
        String twentyOne = IntStream.rangeClosed(1, 21)
                .mapToObj(i -> "{\"id\":\"" + i + "\",\"method\":\"GET\",\"url\":\"/me/presence\"}")
                .collect(Collectors.joining(",", "{\"requests\":[", "]}"));
        return Stream.of(
                new String[]{"more than 20 requests", twentyOne},
                new String[]{"no request", "{\"requests\":[]}"},
                new String[]{"no requests property", "{}"},
                new String[]{"requests not an array", "{\"requests\":{}}"},
                new String[]{"not JSON", "{\"requests\":["},
                new String[]{"duplicate ids", "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/me/presence\"},"
                        + "{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/me/presence\"}]}"},
                new String[]{"unknown dependsOn", "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/me/presence\","
                        + "\"dependsOn\":[\"2\"]}]}"},
                new String[]{"a cycle", "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/me/presence\","
                        + "\"dependsOn\":[\"2\"]},{\"id\":\"2\",\"method\":\"GET\",\"url\":\"/me/presence\","
                        + "\"dependsOn\":[\"1\"]}]}"},
                new String[]{"depends on itself", "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\","
                        + "\"url\":\"/me/presence\",\"dependsOn\":[\"1\"]}]}"},
                new String[]{"no url", "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\"}]}"},
                new String[]{"no id", "{\"requests\":[{\"method\":\"GET\",\"url\":\"/me/presence\"}]}"},
                new String[]{"dependsOn not an array", "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\","
                        + "\"url\":\"/me/presence\",\"dependsOn\":\"2\"}]}"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void aMalformedBatchIs400AndRunsNothing(String why, String body) {
        RequestCounter counter = harness.context.getBean(RequestCounter.class);
        counter.reset();
        Reply reply = batch("v1.0", body);
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("BadRequest", reply.errorCode(), reply::toString);
        assertEquals(List.of(), counter.sent(), "nothing ran");
    }

    private static Reply batch(String version, String body) {
        return harness.post("/" + version + "/$batch", token, body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byId(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        Map<String, Map<String, Object>> answers = new HashMap<>();
        for (Object answer : (List<?>) reply.json().get("responses")) {
            Map<String, Object> one = (Map<String, Object>) answer;
            answers.put((String) one.get("id"), one);
        }
        return answers;
    }

    private static int status(Map<String, Map<String, Object>> answers, String id) {
        return ((Number) answers.get(id).get("status")).intValue();
    }
}
