package io.graphpresence.directory;

import java.util.List;

/** An organisation: its verified domains and its external-access policy. */
public record Tenant(String id, String displayName, List<String> domains, ExternalAccess externalAccess) {
}
