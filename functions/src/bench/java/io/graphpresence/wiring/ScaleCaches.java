package io.graphpresence.wiring;

/** For the capacity model: the lifetimes of the per-instance caches, as the code sets them. */
public final class ScaleCaches {

    private ScaleCaches() {
    }

    /** How long an instance holds a tenant read for cross-tenant trust. */
    public static double tenantSeconds() {
        return CachedDirectoryStore.TENANT_TTL.toSeconds();
    }

    /** How long the authorizer holds a tenant read for its issuers. */
    public static double issuerSeconds() {
        return TenantIssuerKeys.TENANT_CACHE.toSeconds();
    }
}
