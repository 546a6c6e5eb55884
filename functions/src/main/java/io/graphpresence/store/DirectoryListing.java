package io.graphpresence.store;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.Tenant;

import java.util.List;

/**
 * The directory read whole, for an administrator's occasional look and the local stack's
 * seeding: each call scans the table, so it is never on a request path that must scale.
 * Any storage outage is a {@link StoreUnavailableException}.
 */
public interface DirectoryListing {

    /** Every tenant; a directory holds few. */
    List<Tenant> listTenants();

    /** The directory entries of a tenant's users, in no particular order. */
    List<DirectoryUser> listUsers(String tenantId);
}
