package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TokenIssuer;
import io.graphpresence.presence.Activity;
import io.graphpresence.presence.Availability;
import io.graphpresence.presence.DateTimeTimeZone;
import io.graphpresence.presence.PreferredPresence;
import io.graphpresence.presence.PresencePair;
import io.graphpresence.presence.PresenceState;
import io.graphpresence.presence.Session;
import io.graphpresence.presence.StatusMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link DynamoPresenceRepository} promises, run against any DynamoDB: DynamoDB Local
 * here, LocalStack where Docker runs.
 */
abstract class PresenceRepositoryContract {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final PresencePair BUSY = new PresencePair(Availability.Busy, Activity.InACall);

    private PresenceRepository repository;
    private String tenant;
    private String user;

    protected abstract DynamoDbClient client();

    /** A plain SDK client for a DynamoDB at {@code endpoint}, as a test wires it by hand. */
    static DynamoDbClient clientFor(URI endpoint, String region, String accessKey, String secretKey) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @BeforeEach
    void freshTable() {
        String table = "contract-" + UUID.randomUUID();
        TableLayout.createIfMissing(client(), table);
        repository = new DynamoPresenceRepository(client(), table);
        tenant = UUID.randomUUID().toString();
        user = UUID.randomUUID().toString();
        repository.putTenant(new Tenant(tenant, "Contoso", List.of("contoso.com"),
                new ExternalAccess(ExternalAccess.Mode.allowList, List.of("fabrikam.com")),
                List.of(new TokenIssuer("https://login.example.com/" + tenant, "https://login.example.com/keys"))));
        repository.putUser(new DirectoryUser(user, tenant, "adele@contoso.com", "Adele"));
    }

    @Test
    void aNewUserHasNoPresence() {
        UserRecord found = repository.findUser(user).orElseThrow();
        assertEquals(new DirectoryUser(user, tenant, "adele@contoso.com", "Adele"), found.user());
        assertEquals(PresenceState.EMPTY, found.presence());
    }

    @Test
    void sessionsPreferredAndStatusRoundTrip() {
        Session session = Session.fromApplication("app-1", BUSY, NOW, Duration.ofHours(1));
        PreferredPresence preferred = new PreferredPresence(
                new PresencePair(Availability.Away, Activity.Away), NOW, NOW.plus(Duration.ofDays(7)));
        StatusMessage status = new StatusMessage("Lunch", "text",
                new DateTimeTimeZone("2026-11-23T17:00:00.0000000", "UTC", Instant.parse("2026-11-23T17:00:00Z")), NOW);
        repository.putSession(target(), session, NOW);
        repository.putPreferred(target(), preferred, NOW);
        repository.putStatusMessage(target(), status, NOW.plusSeconds(1));

        PresenceState state = repository.findUser(user).orElseThrow().presence();
        assertEquals(List.of(session), state.sessions());
        assertEquals(preferred, state.preferred());
        assertEquals(status, state.statusMessage());
        assertEquals(3, state.version());
        assertEquals(NOW.plusSeconds(1), state.writtenAt());
    }

    @Test
    void removingStateLeavesTheRest() {
        repository.putSession(target(), Session.fromApplication("app-1", BUSY, NOW, Duration.ofHours(1)), NOW);
        repository.putSession(target(), Session.fromApplication("app-2", BUSY, NOW, Duration.ofHours(1)), NOW);
        repository.removeSession(target(), "app-1", NOW);
        repository.removePreferred(target(), NOW);
        repository.putStatusMessage(target(), null, NOW);
        PresenceState state = repository.findUser(user).orElseThrow().presence();
        assertEquals(List.of("app-2"), state.sessions().stream().map(Session::id).toList());
        assertNull(state.preferred());
        assertEquals(5, state.version());
    }

    @Test
    void writesRefuseUnknownUsersOtherTenantsAndMissingSessions() {
        Session session = Session.fromApplication("app-1", BUSY, NOW, Duration.ofHours(1));
        String stranger = UUID.randomUUID().toString();
        assertThrows(UserNotFoundException.class,
                () -> repository.putSession(new TenantUser(tenant, stranger), session, NOW));
        assertThrows(OtherTenantException.class,
                () -> repository.putSession(new TenantUser(UUID.randomUUID().toString(), user), session, NOW));
        assertThrows(SessionNotFoundException.class, () -> repository.removeSession(target(), "app-9", NOW));
        assertTrue(repository.findUser(stranger).isEmpty(), "a refused write creates nothing");
        assertEquals(0, repository.findUser(user).orElseThrow().presence().version(), "and changes nothing");
    }

    @Test
    void updatingADirectoryEntryKeepsPresence() {
        repository.putSession(target(), Session.fromApplication("app-1", BUSY, NOW, Duration.ofHours(1)), NOW);
        repository.putUser(new DirectoryUser(user, tenant, "adele.vance@contoso.com", "Adele Vance"));
        UserRecord found = repository.findUser(user).orElseThrow();
        assertEquals("Adele Vance", found.user().displayName());
        assertEquals(1, found.presence().sessions().size());
    }

    @Test
    void batchReadsFindKnownUsersAcrossManyRequests() {
        List<String> ids = new ArrayList<>(List.of(user));
        for (int i = 0; i < 250; i++) {
            String id = UUID.randomUUID().toString();
            if (i % 5 == 0) {
                repository.putUser(new DirectoryUser(id, tenant, id + "@contoso.com", null));
            }
            ids.add(id);
        }
        Map<String, UserRecord> found = repository.findUsers(ids);
        assertEquals(51, found.size());
        assertEquals(tenant, found.get(user).user().tenantId());
    }

    @Test
    void tenantsRoundTrip() {
        Tenant stored = repository.findTenant(tenant).orElseThrow();
        assertEquals(List.of("contoso.com"), stored.domains());
        assertEquals(ExternalAccess.Mode.allowList, stored.externalAccess().mode());
        assertEquals("https://login.example.com/keys", stored.issuers().get(0).jwksUrl());
        assertEquals(Map.of(tenant, stored), repository.findTenants(List.of(tenant, UUID.randomUUID().toString())));
        assertEquals(List.of(stored), repository.listTenants());
    }

    private TenantUser target() {
        return new TenantUser(tenant, user);
    }
}
