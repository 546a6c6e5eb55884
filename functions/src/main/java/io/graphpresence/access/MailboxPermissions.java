package io.graphpresence.access;

import java.util.Set;

/** Mailbox settings: {@code MailboxSettings.Read} or {@code .ReadWrite}, own or (application) the tenant's. */
public final class MailboxPermissions {

    private static final Set<String> READ = Set.of("MailboxSettings.Read", "MailboxSettings.ReadWrite");
    private static final Set<String> WRITE = Set.of("MailboxSettings.ReadWrite");

    private MailboxPermissions() {
    }

    public static void requireRead(Caller caller, String userId) {
        UserResourcePermissions.require(caller, userId, READ, "Reading mailbox settings", "mailbox settings");
    }

    public static void requireWrite(Caller caller, String userId) {
        UserResourcePermissions.require(caller, userId, WRITE, "Changing mailbox settings", "mailbox settings");
    }
}
