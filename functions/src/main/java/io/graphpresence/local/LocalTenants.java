package io.graphpresence.local;

import io.graphpresence.directory.Tenant;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every tenant of the local table: a scan of the whole table, which only a local one is small
 * enough for, so no function has it. The local stack seeds the demo directory when there is none.
 */
public final class LocalTenants {

    private LocalTenants() {
    }

    public static List<Tenant> all(DynamoDbClient dynamo, String table, DirectoryStore directory) {
        List<String> ids = dynamo.scanPaginator(s -> s.tableName(table).projectionExpression("#pk, #sk")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY)))
                .items().stream().map(TableLayout::tenantOf).filter(Objects::nonNull).toList();
        return ids.isEmpty() ? List.of() : List.copyOf(directory.findTenants(ids).values());
    }
}
