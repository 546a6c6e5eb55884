package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each operation costs in DynamoDB requests, counted on the wire: a read is one
 * GetItem, a write one UpdateItem with no read before it, a batch ceil(n/100) BatchGetItems.
 */
class CostTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();
    private static final RequestCounter counter = harness.context.getBean(RequestCounter.class);
    private static final String token = harness.userToken(CONTOSO, ADELE);

    @BeforeEach
    void reset() {
        counter.reset();
    }

    @Test
    void getPresenceIsOneGetItem() {
        assertCost(List.of("GetItem"), harness.get("/v1.0/me/presence", token));
    }

    @Test
    void everyWriteIsOneUpdateItem() {
        String me = "/v1.0/me/presence/";
        assertCost(List.of("UpdateItem"), harness.post(me + "setPresence", token,
                "{\"sessionId\":\"" + APP + "\",\"availability\":\"Available\",\"activity\":\"Available\"}"));
        assertCost(List.of("UpdateItem"), harness.post(me + "setUserPreferredPresence", token,
                "{\"availability\":\"Away\",\"activity\":\"Away\"}"));
        assertCost(List.of("UpdateItem"), harness.post(me + "clearUserPreferredPresence", token, ""));
        assertCost(List.of("UpdateItem"), harness.post(me + "setStatusMessage", token,
                "{\"statusMessage\":{\"message\":{\"content\":\"hi\",\"contentType\":\"text\"}}}"));
        assertCost(List.of("UpdateItem"), harness.post(me + "clearPresence", token,
                "{\"sessionId\":\"" + APP + "\"}"));
    }

    @Test
    void failedWritesCostOneRequestToo() {
        Reply noSession = harness.post("/v1.0/me/presence/clearPresence", token, "{\"sessionId\":\"" + APP + "\"}");
        assertEquals(404, noSession.status(), noSession::toString);
        assertEquals(List.of("UpdateItem"), counter.sent());
    }

    @Test
    void aBatchOf650IsSevenBatchGetItems() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 650; i++) {
            String id = UUID.randomUUID().toString();
            if (i % 2 == 0) {
                harness.repository().putUser(new DirectoryUser(id, CONTOSO, id + "@contoso.com", "Batch user"));
            }
            ids.add(id);
        }
        counter.reset();
        Reply reply = harness.post("/v1.0/communications/getPresencesByUserId", token, idsBody(ids));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(650, ((List<?>) reply.json().get("value")).size());
        List<String> sent = counter.sent();
        assertTrue(sent.stream().allMatch("BatchGetItem"::equals), sent::toString);
        assertEquals(7, sent.size(), "ceil(650/100) requests when nothing is left unprocessed");
    }

    @Test
    void trustAcrossManyTenantsAddsOneBatchedTenantRead() {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            String tenant = UUID.randomUUID().toString();
            harness.repository().putTenant(new Tenant(tenant, "T" + t, List.of("t" + t + ".example"),
                    ExternalAccess.DISABLED, List.of()));
            for (int u = 0; u < 21; u++) {
                String id = UUID.randomUUID().toString();
                harness.repository().putUser(new DirectoryUser(id, tenant, id + "@t.example", null));
                ids.add(id);
            }
        }
        counter.reset();
        Reply reply = harness.post("/v1.0/communications/getPresencesByUserId", token, idsBody(ids.subList(0, 630)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of("BatchGetItem"), counter.sent().stream().distinct().toList());
        assertEquals(7 + 1, counter.sent().size(), "seven for the users, one for all 30 tenants and the reader's");
    }

    @Test
    void aCrossTenantReadAddsOneTenantRead() {
        Reply reply = harness.get("/v1.0/users/" + FunctionHarness.LEE + "/presence", token);
        assertEquals("PresenceUnknown", reply.availability(), reply::toString);
        assertEquals(List.of("GetItem", "BatchGetItem"), counter.sent());
    }

    private static String idsBody(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "{\"ids\":[", "]}"));
    }

    private static void assertCost(List<String> expected, Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(expected, counter.sent());
        counter.reset();
    }
}
