package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.Tenant;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

import static io.graphpresence.store.PresenceItems.*;
import static io.graphpresence.store.TableAccess.guarded;

/** {@link DirectoryListing} by scans of the one table, filtered to the items it lists. */
@Singleton
public class DynamoDirectoryListing implements DirectoryListing {

    private final TableAccess table;

    public DynamoDirectoryListing(TableAccess table) {
        this.table = table;
    }

    @Override
    public List<Tenant> listTenants() {
        return guarded(() -> table.dynamo().scanPaginator(b -> b.tableName(table.table())
                        .filterExpression("begins_with(#pk, :tenant)")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY))
                        .expressionAttributeValues(Map.of(":tenant", s(TENANT_PREFIX))))
                .items().stream().map(PresenceItems::toTenant).toList());
    }

    @Override
    public List<DirectoryUser> listUsers(String tenantId) {
        return guarded(() -> table.dynamo().scanPaginator(b -> b.tableName(table.table())
                        .filterExpression("begins_with(#pk, :user) AND #sk = :sort AND #tenant = :tenant")
                        .projectionExpression("#pk, #tenant, #upn, #name")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY,
                                "#tenant", TENANT_ID, "#upn", UPN, "#name", DISPLAY_NAME))
                        .expressionAttributeValues(Map.of(":user", s(USER_PREFIX), ":sort", s(USER_SORT),
                                ":tenant", s(tenantId))))
                .items().stream().map(PresenceItems::toDirectoryUser).toList());
    }
}
