package io.graphpresence.batch;

import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Independent inner requests of a batch run at the same time; dependent ones wait for what they depend on. */
class BatchConcurrencyTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start(Map.of("presence.test.storage-rendezvous", true));
    private static final String token = harness.userToken(CONTOSO, ADELE);

    private final StorageRendezvous rendezvous = harness.context.getBean(StorageRendezvous.class);

    @Test
    void independentReadsAreOnTheWireTogether() {
        rendezvous.expect(3);
        Reply reply = harness.post("/v1.0/$batch", token, """
                {"requests":[{"id":"1","method":"GET","url":"/me/presence"},
                 {"id":"2","method":"GET","url":"/users/%s/presence"},
                 {"id":"3","method":"GET","url":"/communications/presences/%s"}]}""".formatted(MEGAN, ADELE));
        assertEquals(List.of(200, 200, 200), statuses(reply));
        assertEquals(3, rendezvous.mostAtOnce(), "the three reads were in flight at once");
    }

    @Test
    void aChainRunsOneRequestAtATime() {
        rendezvous.expect(2);
        Reply reply = harness.post("/v1.0/$batch", token, """
                {"requests":[{"id":"1","method":"GET","url":"/me/presence"},
                 {"id":"2","method":"GET","url":"/users/%s/presence","dependsOn":["1"]}]}""".formatted(MEGAN));
        assertEquals(List.of(200, 200), statuses(reply));
        assertEquals(1, rendezvous.mostAtOnce(), "the dependant waited for its dependency");
    }

    private static List<Integer> statuses(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return ((List<?>) reply.json().get("responses")).stream()
                .map(answer -> (Integer) ((Map<?, ?>) answer).get("status")).toList();
    }
}
