package io.graphpresence.store;

import io.graphpresence.directory.OtherTenantException;
import io.graphpresence.directory.UserNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

import static io.graphpresence.store.PresenceItems.TENANT_ID;
import static io.graphpresence.store.PresenceItems.VERSION;
import static io.graphpresence.store.PresenceItems.WRITTEN_AT;
import static io.graphpresence.store.PresenceItems.millis;
import static io.graphpresence.store.PresenceItems.n;
import static io.graphpresence.store.PresenceItems.s;

/**
 * What every write of a user's presence carries, whichever operation or door it comes from:
 * the write time, one more write counted (the sequence number's leading part), and the
 * condition that the user exists in the writer's tenant. A refused write, given the old item
 * back, tells an unknown user from another tenant's without a read before it.
 */
final class UserWrite {

    private UserWrite() {
    }

    /** Adds the bookkeeping to {@code change}. */
    static ItemUpdate of(ItemUpdate change, TenantUser target, Instant now) {
        return change.set("#written = :now").name("#written", WRITTEN_AT).value(":now", millis(now))
                .add("#ver :one").name("#ver", VERSION).value(":one", n(1))
                .name("#tenant", TENANT_ID).value(":tenant", s(target.tenantId()))
                .condition(TableLayout.ITEM_EXISTS + " AND #tenant = :tenant");
    }

    /**
     * @param old the item as DynamoDB handed it back on a failed condition
     * @return what the refusal means, or null when the user is fine and the change's own condition failed
     */
    static RuntimeException refusal(TenantUser target, Map<String, AttributeValue> old) {
        if (old == null || old.isEmpty()) {
            return new UserNotFoundException(target.userId());
        }
        if (!target.tenantId().equals(old.get(TENANT_ID).s())) {
            return new OtherTenantException(target.userId());
        }
        return null;
    }
}
