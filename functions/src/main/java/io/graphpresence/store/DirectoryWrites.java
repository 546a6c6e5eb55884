package io.graphpresence.store;

import io.graphpresence.directory.ConflictException;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TenantNotFoundException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.graphpresence.store.PresenceItems.ACCESS_DOMAINS;
import static io.graphpresence.store.PresenceItems.ACCESS_MODE;
import static io.graphpresence.store.PresenceItems.DOMAINS;
import static io.graphpresence.store.PresenceItems.OWNER;
import static io.graphpresence.store.PresenceItems.s;

/**
 * The directory's administrative writes. A verified domain belongs to one tenant: each is
 * an item of its own ({@link PresenceItems#domain}), claimed or released in the same
 * transaction as the tenant's change, so a claim that collides with another tenant's
 * changes nothing at all.
 */
final class DirectoryWrites {

    /** One write of a transaction, and what it means when its condition fails (given the old item). */
    private record Step(TransactWriteItem write, Function<Map<String, AttributeValue>, RuntimeException> refused) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    DirectoryWrites(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    void createTenant(Tenant tenant) {
        Step create = new Step(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(PresenceItems.tenant(tenant)).conditionExpression(TableLayout.ITEM_ABSENT)).build(),
                old -> new ConflictException("Tenant '" + tenant.id() + "' already exists."));
        run(withDomains(create, tenant.id(), List.of(), tenant.domains()));
    }

    /**
     * Creates or replaces a tenant whole, its domains through the same claims.
     *
     * @param current the tenant as read just before, or null when there was none
     */
    void putTenant(Tenant current, Tenant wanted) {
        // the condition says "as read": a change in between would make the releases wrong
        Step put = new Step(TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(PresenceItems.tenant(wanted));
            if (current == null) {
                p.conditionExpression(TableLayout.ITEM_ABSENT);
            } else {
                p.conditionExpression("#domains = :previous").expressionAttributeNames(Map.of("#domains", DOMAINS))
                        .expressionAttributeValues(Map.of(":previous", PresenceItems.strings(current.domains())));
            }
        }).build(), old -> changedMeanwhile(wanted.id()));
        run(withDomains(put, wanted.id(), current == null ? List.of() : current.domains(), wanted.domains()));
    }

    /** Replaces the tenant's domains: claims the new ones, releases those it no longer lists. */
    void assignDomains(Tenant current, List<String> domains) {
        Step update = new Step(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(PresenceItems.tenantKey(current.id()))
                .updateExpression("SET #domains = :domains")
                .conditionExpression("#domains = :previous")
                .expressionAttributeNames(Map.of("#domains", DOMAINS))
                .expressionAttributeValues(Map.of(":domains", PresenceItems.strings(domains),
                        ":previous", PresenceItems.strings(current.domains())))).build(),
                old -> changedMeanwhile(current.id()));
        run(withDomains(update, current.id(), current.domains(), domains));
    }

    /** @return the tenant as it now stands */
    Tenant putExternalAccess(String tenantId, ExternalAccess access) {
        try {
            return PresenceItems.toTenant(dynamo.updateItem(u -> u.tableName(table)
                    .key(PresenceItems.tenantKey(tenantId))
                    .updateExpression("SET #mode = :mode, #domains = :domains")
                    .conditionExpression(TableLayout.ITEM_EXISTS)
                    .expressionAttributeNames(Map.of("#mode", ACCESS_MODE, "#domains", ACCESS_DOMAINS))
                    .expressionAttributeValues(Map.of(":mode", s(access.mode().name()),
                            ":domains", PresenceItems.strings(access.domains())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException e) {
            throw new TenantNotFoundException(tenantId);
        } catch (TransactionConflictException e) {
            // the tenant is inside a domain transaction right now
            throw changedMeanwhile(tenantId);
        }
    }

    /**
     * The tenant's write, then a claim of every wanted domain (claiming one it holds already
     * repairs a missing item), then a release of every domain it drops. A transaction holds
     * 100 writes: {@link DirectoryStore#MAX_DOMAINS} keeps this within them.
     */
    private List<Step> withDomains(Step tenantWrite, String tenantId, List<String> held, List<String> wanted) {
        List<Step> steps = new ArrayList<>(List.of(tenantWrite));
        wanted.forEach(domain -> steps.add(claim(tenantId, domain)));
        Set<String> released = new LinkedHashSet<>(held);
        released.removeAll(wanted);
        released.forEach(domain -> steps.add(release(tenantId, domain)));
        return steps;
    }

    private Step claim(String tenantId, String domain) {
        return new Step(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(PresenceItems.domain(domain, tenantId))
                .conditionExpression(TableLayout.ITEM_ABSENT + " OR #owner = :tenant")
                .expressionAttributeNames(Map.of("#owner", OWNER))
                .expressionAttributeValues(Map.of(":tenant", s(tenantId)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                old -> new ConflictException("The domain '" + domain + "' belongs to another tenant"
                        + (PresenceItems.owner(old) == null ? "." : " ('" + PresenceItems.owner(old) + "')."))
        );
    }

    private Step release(String tenantId, String domain) {
        // never another tenant's claim, even one this tenant lists by mistake
        return new Step(TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(PresenceItems.domainKey(domain))
                .conditionExpression(TableLayout.ITEM_ABSENT + " OR #owner = :tenant")
                .expressionAttributeNames(Map.of("#owner", OWNER))
                .expressionAttributeValues(Map.of(":tenant", s(tenantId)))).build(),
                old -> new ConflictException("The domain '" + domain + "' belongs to another tenant."));
    }

    /** All or nothing; a refusal becomes the exception its step names, with the old item when DynamoDB gives it. */
    private void run(List<Step> steps) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(steps.stream().map(Step::write).toList()));
        } catch (TransactionCanceledException e) {
            for (int i = 0; i < steps.size(); i++) {
                if (Cancellations.conditionFailed(e, i)) {
                    throw steps.get(i).refused().apply(Cancellations.oldItem(e, i));
                }
            }
            if (Cancellations.anyCode(e, "TransactionConflict")) {
                throw changedMeanwhile(null);
            }
            // throttling is the store's to map, like any outage
            throw e;
        }
    }

    private static ConflictException changedMeanwhile(String tenantId) {
        return new ConflictException((tenantId == null ? "The directory" : "Tenant '" + tenantId + "'")
                + " was changed by another request at the same time; nothing was written. Try again.");
    }
}
