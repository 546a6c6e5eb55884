package io.graphpresence.store;

/** The user a write is for, and the tenant the writer belongs to: a write never crosses tenants. */
public record TenantUser(String tenantId, String userId) {
}
