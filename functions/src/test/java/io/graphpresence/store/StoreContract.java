package io.graphpresence.store;

import io.graphpresence.directory.ConflictException;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.OtherTenantException;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TenantNotFoundException;
import io.graphpresence.directory.TokenIssuer;
import io.graphpresence.directory.UserNotFoundException;
import io.graphpresence.presence.Activity;
import io.graphpresence.presence.Availability;
import io.graphpresence.presence.DateTimeTimeZone;
import io.graphpresence.presence.PreferredPresence;
import io.graphpresence.presence.PresencePair;
import io.graphpresence.presence.PresenceState;
import io.graphpresence.presence.Session;
import io.graphpresence.presence.SessionNotFoundException;
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
 * What the Dynamo stores promise, run against any DynamoDB: DynamoDB Local
 * here, LocalStack where Docker runs.
 */
abstract class StoreContract {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final PresencePair BUSY = new PresencePair(Availability.Busy, Activity.InACall);

    private AllStores repository;
    private String table;
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
        table = "contract-" + UUID.randomUUID();
        TableLayout.createIfMissing(client(), table);
        repository = AllStores.over(client(), table);
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

    @Test
    void aTenantIsCreatedOnceWithItsDomainsOrNotAtAll() {
        Tenant tailspin = tenantWith("tailspin.example");
        repository.createTenant(tailspin);
        assertEquals(tailspin, repository.findTenant(tailspin.id()).orElseThrow());
        assertThrows(ConflictException.class, () -> repository.createTenant(tailspin), "an id is created once");

        Tenant copycat = tenantWith("copycat.example", "contoso.com");
        ConflictException refused = assertThrows(ConflictException.class, () -> repository.createTenant(copycat));
        assertTrue(refused.getMessage().contains("'contoso.com'"), refused::getMessage);
        assertTrue(repository.findTenant(copycat.id()).isEmpty(), "a refused creation creates nothing");
        repository.createTenant(tenantWith("copycat.example"));
    }

    @Test
    void assigningDomainsReleasesTheOnesDropped() {
        Tenant assigned = repository.assignDomains(tenant, List.of("contoso.com", "contoso.net"));
        assertEquals(List.of("contoso.com", "contoso.net"), assigned.domains());
        assertEquals(assigned, repository.findTenant(tenant).orElseThrow());
        repository.assignDomains(tenant, List.of("contoso.net"));
        Tenant other = tenantWith("other.example");
        repository.createTenant(other);
        assertEquals(List.of("contoso.com"), repository.assignDomains(other.id(), List.of("contoso.com")).domains(),
                "a released domain is free to claim");
        assertThrows(TenantNotFoundException.class,
                () -> repository.assignDomains(UUID.randomUUID().toString(), List.of("nobody.example")));
    }

    @Test
    void aClaimOnAnotherTenantsDomainChangesNothing() {
        Tenant fabrikam = tenantWith("fabrikam.com");
        repository.createTenant(fabrikam);
        assertThrows(ConflictException.class,
                () -> repository.assignDomains(fabrikam.id(), List.of("fabrikam.net", "contoso.com")));
        assertEquals(fabrikam, repository.findTenant(fabrikam.id()).orElseThrow());
        assertEquals(List.of("contoso.com"), repository.findTenant(tenant).orElseThrow().domains());
        repository.createTenant(tenantWith("fabrikam.net"));
        assertThrows(ConflictException.class, () -> repository.assignDomains(tenant, List.of("fabrikam.com")),
                "the owner keeps it after a refused claim");
    }

    @Test
    void aChangeMadeSinceTheTenantWasReadIsNotOverwritten() {
        Tenant stale = repository.findTenant(tenant).orElseThrow();
        repository.assignDomains(tenant, List.of("contoso.net"));
        DirectoryWrites writes = new DirectoryWrites(client(), table);
        assertThrows(ConflictException.class, () -> writes.assignDomains(stale, List.of("contoso.org")));
        assertEquals(List.of("contoso.net"), repository.findTenant(tenant).orElseThrow().domains());
    }

    @Test
    void putTenantCreatesOrReplacesThroughTheSameClaims() {
        Tenant replaced = new Tenant(tenant, "Contoso Ltd", List.of("contoso.org"),
                new ExternalAccess(ExternalAccess.Mode.allowAll, List.of()), List.of());
        repository.putTenant(replaced);
        assertEquals(replaced, repository.findTenant(tenant).orElseThrow());
        Tenant newcomer = tenantWith("contoso.com");
        repository.putTenant(newcomer);
        assertEquals(newcomer, repository.findTenant(newcomer.id()).orElseThrow(), "contoso.com was released");
        Tenant back = new Tenant(tenant, "Contoso again", List.of("contoso.com"), ExternalAccess.DISABLED, List.of());
        assertThrows(ConflictException.class, () -> repository.putTenant(back));
        assertEquals(replaced, repository.findTenant(tenant).orElseThrow(), "a refused put changes nothing");
    }

    @Test
    void externalAccessIsReplacedWholeAndOnlyForATenantThatExists() {
        ExternalAccess blocking = new ExternalAccess(ExternalAccess.Mode.blockList, List.of("evil.example"));
        Tenant updated = repository.putExternalAccess(tenant, blocking);
        assertEquals(blocking, updated.externalAccess());
        assertEquals(List.of("contoso.com"), updated.domains());
        assertEquals(updated, repository.findTenant(tenant).orElseThrow());
        String nobody = UUID.randomUUID().toString();
        assertThrows(TenantNotFoundException.class, () -> repository.putExternalAccess(nobody, blocking));
        assertTrue(repository.findTenant(nobody).isEmpty(), "a refused policy creates no tenant");
    }

    @Test
    void usersNeverMoveBetweenTenantsNorJoinOneThatDoesNotExist() {
        Tenant fabrikam = tenantWith("fabrikam.com");
        repository.createTenant(fabrikam);
        assertThrows(ConflictException.class,
                () -> repository.putUser(new DirectoryUser(user, fabrikam.id(), "adele@fabrikam.com", "Adele")));
        assertEquals(new DirectoryUser(user, tenant, "adele@contoso.com", "Adele"),
                repository.findUser(user).orElseThrow().user());
        String orphan = UUID.randomUUID().toString();
        assertThrows(TenantNotFoundException.class, () -> repository.putUser(
                new DirectoryUser(orphan, UUID.randomUUID().toString(), "x@nowhere.example", "X")));
        assertTrue(repository.findUser(orphan).isEmpty());
    }

    @Test
    void deletingAUserTakesTheirPresenceAndOnlyFromTheirTenant() {
        repository.putSession(target(), Session.fromApplication("app-1", BUSY, NOW, Duration.ofHours(1)), NOW);
        assertThrows(UserNotFoundException.class,
                () -> repository.deleteUser(new TenantUser(UUID.randomUUID().toString(), user)));
        assertTrue(repository.findUser(user).isPresent(), "another tenant cannot delete them");
        repository.deleteUser(target());
        assertTrue(repository.findUser(user).isEmpty());
        assertThrows(UserNotFoundException.class, () -> repository.deleteUser(target()));
        repository.putUser(new DirectoryUser(user, tenant, "adele@contoso.com", "Adele"));
        assertEquals(PresenceState.EMPTY, repository.findUser(user).orElseThrow().presence(), "a new user starts afresh");
    }

    private static Tenant tenantWith(String... domains) {
        return new Tenant(UUID.randomUUID().toString(), "T", List.of(domains), ExternalAccess.DISABLED, List.of());
    }

    private TenantUser target() {
        return new TenantUser(tenant, user);
    }
}
