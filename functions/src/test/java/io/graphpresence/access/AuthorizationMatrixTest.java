package io.graphpresence.access;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.ExternalAccess.Mode;
import io.graphpresence.directory.Tenant;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.Reply;
import io.graphpresence.presence.Activity;
import io.graphpresence.presence.Availability;
import io.graphpresence.presence.PresencePair;
import io.graphpresence.presence.Session;
import io.graphpresence.store.TenantUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every operation × who calls (the user themself, another user, an application) × with or
 * without the permission × where the target lives (same tenant, a trusted tenant, one that
 * does not trust back, one that blocks the reader, one with external access off), each row
 * answered with the exact status and what the body shows.
 */
class AuthorizationMatrixTest {

    @RegisterExtension
    static final FunctionHarness harness = FunctionHarness.start();

    enum Operation { GET, BATCH, SET, CLEAR, SET_PREFERRED, CLEAR_PREFERRED, STATUS }

    enum Caller { OWN, OTHER_USER, APPLICATION }

    /** Where the target user lives, as seen from the reader's tenant (reader.com). */
    enum Where {
        SAME(null), TRUSTED(new ExternalAccess(Mode.allowList, List.of("reader.com"))),
        NOT_TRUSTED_BACK(new ExternalAccess(Mode.allowAll, List.of())),
        BLOCKS_READER(new ExternalAccess(Mode.blockList, List.of("reader.com"))),
        EXTERNAL_OFF(ExternalAccess.DISABLED);

        final ExternalAccess policy;
        String tenantId;
        String userId;

        Where(ExternalAccess policy) {
            this.policy = policy;
        }
    }

    private static final String READER_TENANT = UUID.randomUUID().toString();
    private static final String READER = UUID.randomUUID().toString();
    private static final String APP_ID = "matrix-app";

    @BeforeAll
    static void directory() {
        // the reader lists every target tenant but one that admits everybody; so each row is
        // decided by one side's policy: the target's, or (NOT_TRUSTED_BACK) the reader's
        harness.repository().putTenant(new Tenant(READER_TENANT, "Reader", List.of("reader.com"),
                new ExternalAccess(Mode.allowList, List.of("trusted.com", "blocksreader.com", "externaloff.com")),
                List.of()));
        harness.repository().putUser(new DirectoryUser(READER, READER_TENANT, "reader@reader.com", "Reader"));
        for (Where where : Where.values()) {
            where.tenantId = where == Where.SAME ? READER_TENANT : UUID.randomUUID().toString();
            where.userId = UUID.randomUUID().toString();
            if (where != Where.SAME) {
                String domain = where.name().toLowerCase().replace("_", "") + ".com";
                harness.repository().putTenant(new Tenant(where.tenantId, where.name(), List.of(domain), where.policy,
                        List.of()));
            }
            harness.repository().putUser(new DirectoryUser(where.userId, where.tenantId, "u@x.com", where.name()));
        }
    }

    static List<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (Operation operation : Operation.values()) {
            for (boolean permitted : new boolean[] {true, false}) {
                rows.add(Arguments.of(operation, Caller.OWN, permitted, Where.SAME));
                for (Where where : Where.values()) {
                    rows.add(Arguments.of(operation, Caller.OTHER_USER, permitted, where));
                    rows.add(Arguments.of(operation, Caller.APPLICATION, permitted, where));
                }
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0} by {1}, permitted={2}, target {3}")
    @MethodSource("rows")
    void answersAsTheRulesSay(Operation operation, Caller caller, boolean permitted, Where where) {
        String target = caller == Caller.OWN ? READER : where.userId;
        String expected = expected(operation, caller, permitted, where);
        if (operation == Operation.CLEAR && expected.equals("200")) {
            // clearPresence needs a session of the calling application to clear
            harness.repository().putSession(new TenantUser(where.tenantId, target), Session.fromApplication(APP_ID,
                    new PresencePair(Availability.Away, Activity.Away), harness.clock.instant(), Duration.ofHours(1)),
                    harness.clock.instant());
        }
        Reply reply = call(operation, token(caller, permitted), target);
        assertEquals(expected, shown(operation, reply), reply::toString);
    }

    @org.junit.jupiter.api.Test
    void oneBatchMixingEveryKindOfTargetShowsEachAsItsOwnRowWould() {
        StringBuilder ids = new StringBuilder();
        for (Where where : Where.values()) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(where.userId).append('"');
        }
        Reply reply = harness.post("/v1.0/communications/getPresencesByUserId", token(Caller.APPLICATION, true),
                "{\"ids\":[" + ids + "]}");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> value = (List<Map<String, Object>>) reply.json().get("value");
        for (int i = 0; i < Where.values().length; i++) {
            Where where = Where.values()[i];
            assertEquals(where.userId, value.get(i).get("id"));
            assertEquals(expected(Operation.BATCH, Caller.APPLICATION, true, where), "200 " + value.get(i).get("availability"),
                    where::name);
        }
    }

    /** The rules of spec section 4, written out once. */
    private static String expected(Operation operation, Caller caller, boolean permitted, Where where) {
        if (!permitted) {
            return "403 Forbidden";
        }
        boolean read = operation == Operation.GET || operation == Operation.BATCH;
        if (read) {
            boolean visible = where == Where.SAME || where == Where.TRUSTED;
            return visible ? "200 Offline" : "200 PresenceUnknown";
        }
        boolean ownWrite = caller == Caller.OWN || (caller == Caller.APPLICATION && where == Where.SAME);
        return ownWrite ? "200" : "403 Forbidden";
    }

    private static String shown(Operation operation, Reply reply) {
        if (reply.status() >= 400) {
            return reply.status() + " " + reply.errorCode();
        }
        if (operation == Operation.GET) {
            return reply.status() + " " + reply.availability();
        }
        if (operation == Operation.BATCH) {
            @SuppressWarnings("unchecked")
            Map<String, Object> only = ((List<Map<String, Object>>) reply.json().get("value")).get(0);
            return reply.status() + " " + only.get("availability");
        }
        return Integer.toString(reply.status());
    }

    private static String token(Caller caller, boolean permitted) {
        return switch (caller) {
            case OWN, OTHER_USER -> harness.tokens.mint(READER_TENANT, APP_ID, READER,
                    permitted ? List.of("Presence.Read.All", "Presence.ReadWrite") : List.of("User.Read"), null,
                    Duration.ofHours(1));
            case APPLICATION -> harness.tokens.mint(READER_TENANT, APP_ID, null, null,
                    permitted ? List.of("Presence.ReadWrite.All") : List.of("User.Read.All"), Duration.ofHours(1));
        };
    }

    private static Reply call(Operation operation, String token, String target) {
        String presence = "/v1.0/users/" + target + "/presence";
        return switch (operation) {
            case GET -> harness.get(presence, token);
            case BATCH -> harness.post("/v1.0/communications/getPresencesByUserId", token,
                    "{\"ids\":[\"" + target + "\"]}");
            case SET -> harness.post(presence + "/setPresence", token, "{\"sessionId\":\"" + APP_ID
                    + "\",\"availability\":\"Busy\",\"activity\":\"InACall\"}");
            case CLEAR -> harness.post(presence + "/clearPresence", token, "{\"sessionId\":\"" + APP_ID + "\"}");
            case SET_PREFERRED -> harness.post(presence + "/setUserPreferredPresence", token,
                    "{\"availability\":\"Busy\",\"activity\":\"Busy\"}");
            case CLEAR_PREFERRED -> harness.post(presence + "/clearUserPreferredPresence", token, "{}");
            case STATUS -> harness.post(presence + "/setStatusMessage", token,
                    "{\"statusMessage\":{\"message\":{\"content\":\"hi\"}}}");
        };
    }
}
