package io.graphpresence.store;

import io.graphpresence.directory.ConflictException;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TenantNotFoundException;
import io.graphpresence.directory.UserNotFoundException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.graphpresence.store.PresenceItems.*;
import static io.graphpresence.store.TableAccess.guarded;
import static io.graphpresence.store.TableAccess.run;

/** {@link DirectoryStore} on the one table; see {@link PresenceItems} and {@link DirectoryWrites}. */
@Singleton
public class DynamoDirectoryStore implements DirectoryStore {

    private final TableAccess table;
    private final DirectoryWrites directory;
    private final UserErasure erasure;

    public DynamoDirectoryStore(TableAccess table) {
        this.table = table;
        this.directory = new DirectoryWrites(table.dynamo(), table.table());
        this.erasure = new UserErasure(table.dynamo(), table.table(),
                new NotificationTable(table.dynamo(), table.table(), table.batchReader(), table.dueShards()));
    }

    @Override
    public Optional<Tenant> findTenant(String tenantId) {
        return Optional.ofNullable(table.get(tenantKey(tenantId))).map(PresenceItems::toTenant);
    }

    @Override
    public Map<String, Tenant> findTenants(Collection<String> tenantIds) {
        return table.readById(tenantIds, PresenceItems::tenantKey, PresenceItems::toTenant, Tenant::id);
    }

    @Override
    public void putTenant(Tenant tenant) {
        Tenant current = findTenant(tenant.id()).orElse(null);
        run(() -> directory.putTenant(current, tenant));
    }

    @Override
    public void createTenant(Tenant tenant) {
        run(() -> directory.createTenant(tenant));
    }

    @Override
    public Tenant assignDomains(String tenantId, List<String> domains) {
        Tenant current = findTenant(tenantId).orElseThrow(() -> new TenantNotFoundException(tenantId));
        run(() -> directory.assignDomains(current, domains));
        return new Tenant(current.id(), current.displayName(), domains, current.externalAccess(), current.issuers());
    }

    @Override
    public Tenant putExternalAccess(String tenantId, ExternalAccess access) {
        return guarded(() -> directory.putExternalAccess(tenantId, access));
    }

    @Override
    public void putUser(DirectoryUser user) {
        // tenants are never deleted, so a read before the write is as good as a condition on it
        if (findTenant(user.tenantId()).isEmpty()) {
            throw new TenantNotFoundException(user.tenantId());
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":tenant", s(user.tenantId()));
        values.put(":upn", s(user.userPrincipalName()));
        values.put(":name", s(user.displayName() == null ? "" : user.displayName()));
        values.put(":empty", AttributeValue.fromM(Map.of()));
        values.put(":zero", n(0));
        try {
            guarded(() -> table.dynamo().updateItem(b -> b.tableName(table.table()).key(userKey(user.id()))
                    // the sessions map must exist before a session can be set inside it
                    .updateExpression("SET #tenant = :tenant, #upn = :upn, #name = :name, "
                            + "#sessions = if_not_exists(#sessions, :empty), #ver = if_not_exists(#ver, :zero), "
                            + "#written = if_not_exists(#written, :zero)")
                    .conditionExpression(TableLayout.ITEM_ABSENT + " OR #tenant = :tenant")
                    .expressionAttributeNames(Map.of("#tenant", TENANT_ID, "#upn", UPN, "#name", DISPLAY_NAME,
                            "#sessions", SESSIONS, "#ver", VERSION, "#written", WRITTEN_AT))
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException otherTenant) {
            throw new ConflictException("User '" + user.id() + "' belongs to another tenant.");
        }
    }

    @Override
    public void deleteUser(TenantUser user) {
        Map<String, AttributeValue> item = table.get(userKey(user.userId()));
        // another tenant's user is not this tenant's to know about
        if (item == null || !user.tenantId().equals(item.get(TENANT_ID).s())) {
            throw new UserNotFoundException(user.userId());
        }
        run(() -> erasure.eraseAllButTheUserItem(user.userId()));
        try {
            run(() -> table.dynamo().deleteItem(b -> b.tableName(table.table()).key(userKey(user.userId()))
                    .conditionExpression("#tenant = :tenant")
                    .expressionAttributeNames(Map.of("#tenant", TENANT_ID))
                    .expressionAttributeValues(Map.of(":tenant", s(user.tenantId())))));
        } catch (ConditionalCheckFailedException deletedMeanwhile) {
            throw new UserNotFoundException(user.userId());
        }
    }
}
