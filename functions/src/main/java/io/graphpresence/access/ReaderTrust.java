package io.graphpresence.access;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.Tenant;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one reader may see during one request: the reader's tenant and the tenants of the
 * users read, loaded once, judged by {@link TrustedDomainPolicy}.
 */
public final class ReaderTrust {

    private final String readerTenantId;
    private final Map<String, Tenant> tenants;

    /** @param tenants the tenants of {@link #tenantsToLoad}, as found (missing ones are trusted by nobody) */
    public ReaderTrust(String readerTenantId, Map<String, Tenant> tenants) {
        this.readerTenantId = readerTenantId;
        this.tenants = tenants;
    }

    /** The tenants a request must load: none when every user is the reader's own tenant's. */
    public static Set<String> tenantsToLoad(String readerTenantId, Collection<DirectoryUser> users) {
        Set<String> others = new LinkedHashSet<>();
        for (DirectoryUser user : users) {
            if (!user.tenantId().equals(readerTenantId)) {
                others.add(user.tenantId());
            }
        }
        if (!others.isEmpty()) {
            others.add(readerTenantId);
        }
        return others;
    }

    public boolean canSee(DirectoryUser user) {
        if (user.tenantId().equals(readerTenantId)) {
            return true;
        }
        Tenant reader = tenants.get(readerTenantId);
        Tenant owner = tenants.get(user.tenantId());
        return reader != null && owner != null && TrustedDomainPolicy.mutuallyTrusted(reader, owner);
    }
}
