package io.graphpresence.access;

import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;

import java.util.List;
import java.util.Locale;

/**
 * Who may see whose presence across organisations (spec section 4): a reader in tenant A
 * sees a user of tenant B only under mutual trust, when B's policy admits A and A's policy
 * admits B. Every path that shows presence asks this one rule.
 */
public final class TrustedDomainPolicy {

    private TrustedDomainPolicy() {
    }

    public static boolean mutuallyTrusted(Tenant reader, Tenant owner) {
        if (reader.id().equals(owner.id())) {
            return true;
        }
        return admits(owner.externalAccess(), reader.domains()) && admits(reader.externalAccess(), owner.domains());
    }

    /**
     * An allow list admits a tenant with one listed domain; a block list admits a tenant none
     * of whose domains it lists, so blocking any one of them blocks the tenant.
     */
    static boolean admits(ExternalAccess policy, List<String> otherDomains) {
        return switch (policy.mode()) {
            case disabled -> false;
            case allowAll -> true;
            case allowList -> otherDomains.stream().anyMatch(d -> listed(policy, d));
            case blockList -> otherDomains.stream().noneMatch(d -> listed(policy, d));
        };
    }

    private static boolean listed(ExternalAccess policy, String domain) {
        String wanted = domain.toLowerCase(Locale.ROOT);
        return policy.domains().stream().anyMatch(d -> d.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
