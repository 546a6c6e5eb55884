package io.graphpresence.directory;

import java.util.List;

/**
 * An organisation: its verified domains, its external-access policy, and the identity
 * providers whose tokens it accepts.
 */
public record Tenant(String id, String displayName, List<String> domains, ExternalAccess externalAccess,
                     List<TokenIssuer> issuers) {

    public Tenant {
        domains = List.copyOf(domains);
        issuers = List.copyOf(issuers);
    }
}
