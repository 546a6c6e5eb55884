package io.graphpresence.store;

import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.graphpresence.store.PresenceItems.ACCESS_DOMAINS;
import static io.graphpresence.store.PresenceItems.ACCESS_MODE;
import static io.graphpresence.store.PresenceItems.DOMAINS;
import static io.graphpresence.store.PresenceItems.s;

/**
 * The directory's administrative writes. A verified domain belongs to one tenant: each is
 * an item of its own, claimed in the same transaction as the tenant's change, so a claim
 * that collides with another tenant's changes nothing.
 */
final class DirectoryWrites {

    private static final String OWNER = "owner";

    private final DynamoDbClient dynamo;
    private final String table;

    DirectoryWrites(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    void createTenant(Tenant tenant) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(PresenceItems.tenant(tenant))
                .conditionExpression("attribute_not_exists(pk)")).build());
        tenant.domains().forEach(domain -> writes.add(claim(tenant.id(), domain)));
        transact(writes, tenant.id(), tenant.domains(), true);
    }

    /** Replaces the tenant's domains: claims the new ones, releases those it no longer lists. */
    void assignDomains(Tenant current, List<String> domains) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(PresenceItems.tenantKey(current.id()))
                .updateExpression("SET #domains = :domains")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#domains", DOMAINS))
                .expressionAttributeValues(Map.of(":domains", PresenceItems.strings(domains)))).build());
        domains.forEach(domain -> writes.add(claim(current.id(), domain)));
        Set<String> released = new HashSet<>(current.domains());
        released.removeAll(domains);
        released.forEach(domain -> writes.add(release(current.id(), domain)));
        transact(writes, current.id(), domains, false);
    }

    void putExternalAccess(String tenantId, ExternalAccess access) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(PresenceItems.tenantKey(tenantId))
                    .updateExpression("SET #mode = :mode, #domains = :domains")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#mode", ACCESS_MODE, "#domains", ACCESS_DOMAINS))
                    .expressionAttributeValues(Map.of(":mode", s(access.mode().name()),
                            ":domains", PresenceItems.strings(access.domains()))));
        } catch (ConditionalCheckFailedException e) {
            throw new TenantNotFoundException(tenantId);
        }
    }

    private TransactWriteItem claim(String tenantId, String domain) {
        return TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(Map.of("pk", s("DOMAIN#" + domain), "sk", s("DOMAIN"), OWNER, s(tenantId)))
                .conditionExpression("attribute_not_exists(pk) OR #owner = :tenant")
                .expressionAttributeNames(Map.of("#owner", OWNER))
                .expressionAttributeValues(Map.of(":tenant", s(tenantId)))).build();
    }

    private TransactWriteItem release(String tenantId, String domain) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Map.of("pk", s("DOMAIN#" + domain), "sk", s("DOMAIN")))
                .conditionExpression("attribute_not_exists(pk) OR #owner = :tenant")
                .expressionAttributeNames(Map.of("#owner", OWNER))
                .expressionAttributeValues(Map.of(":tenant", s(tenantId)))).build();
    }

    /** The first write is the tenant's; the claims follow in the order of {@code domains}. */
    private void transact(List<TransactWriteItem> writes, String tenantId, List<String> domains, boolean creating) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                throw creating ? new ConflictException("Tenant '" + tenantId + "' already exists.")
                        : new TenantNotFoundException(tenantId);
            }
            for (int i = 0; i < domains.size(); i++) {
                if (failed(reasons, i + 1)) {
                    throw new ConflictException("The domain '" + domains.get(i) + "' belongs to another tenant.");
                }
            }
            throw e;
        }
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
