package io.graphpresence.access;

import java.util.Set;

/**
 * A user's mailbox or calendar (spec section 5): delegated tokens reach their own user's,
 * application tokens any user's of their tenant (the store refuses other tenants).
 */
final class UserResourcePermissions {

    private UserResourcePermissions() {
    }

    static void require(Caller caller, String userId, Set<String> accepted, String what, String resource) {
        if (caller.permissions().stream().noneMatch(accepted::contains)) {
            throw new AccessDeniedException(what + " needs one of " + accepted.stream().sorted().toList() + ".");
        }
        if (caller.isDelegated() && !caller.userId().equals(userId)) {
            throw new AccessDeniedException("A delegated token reaches only the signed-in user's " + resource + ".");
        }
    }
}
