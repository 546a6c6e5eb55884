package io.graphpresence.access;

import java.util.Set;

/**
 * Mailbox settings (spec section 5): delegated tokens reach their own user's, application
 * tokens any user's of their tenant (the store refuses other tenants).
 */
public final class MailboxPermissions {

    private static final Set<String> READ = Set.of("MailboxSettings.Read", "MailboxSettings.ReadWrite");
    private static final Set<String> WRITE = Set.of("MailboxSettings.ReadWrite");

    private MailboxPermissions() {
    }

    public static void requireRead(Caller caller, String userId) {
        require(caller, userId, READ, "Reading mailbox settings");
    }

    public static void requireWrite(Caller caller, String userId) {
        require(caller, userId, WRITE, "Changing mailbox settings");
    }

    private static void require(Caller caller, String userId, Set<String> accepted, String what) {
        if (caller.permissions().stream().noneMatch(accepted::contains)) {
            throw new AccessDeniedException(what + " needs one of " + accepted.stream().sorted().toList() + ".");
        }
        if (caller.isDelegated() && !caller.userId().equals(userId)) {
            throw new AccessDeniedException("A delegated token reaches only the signed-in user's mailbox settings.");
        }
    }
}
