package io.graphpresence.access;

import io.graphpresence.directory.DirectoryUser;

/**
 * Whether a reader may see a user's presence at all. Within a tenant, always; across
 * tenants only under mutual trust, which the trusted-domain policy decides (until it
 * exists, nobody outside the tenant sees anything).
 */
public final class Visibility {

    private Visibility() {
    }

    public static boolean canSee(Caller reader, DirectoryUser user) {
        return reader.tenantId().equals(user.tenantId());
    }
}
