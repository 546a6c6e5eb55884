package io.graphpresence.directory;

/** No such tenant in the directory. */
public class TenantNotFoundException extends RuntimeException {
    public TenantNotFoundException(String tenantId) {
        super("Tenant '" + tenantId + "' was not found.");
    }
}
