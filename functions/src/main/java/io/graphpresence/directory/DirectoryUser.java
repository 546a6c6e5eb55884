package io.graphpresence.directory;

/** A user known to the service, in exactly one tenant. */
public record DirectoryUser(String id, String tenantId, String userPrincipalName, String displayName) {
}
