package io.graphpresence.access;

import io.graphpresence.directory.DirectoryUser;

import java.util.Set;

/** Which permission each presence operation needs (spec section 4). */
public final class PresencePermissions {

    static final String READ = "Presence.Read";
    static final String READ_ALL = "Presence.Read.All";
    static final String READ_WRITE = "Presence.ReadWrite";
    static final String READ_WRITE_ALL = "Presence.ReadWrite.All";

    private static final Set<String> READ_OWN = Set.of(READ, READ_ALL, READ_WRITE, READ_WRITE_ALL);
    private static final Set<String> READ_OTHERS = Set.of(READ_ALL, READ_WRITE_ALL);
    private static final Set<String> WRITE_DELEGATED = Set.of(READ_WRITE, READ_WRITE_ALL);
    private static final Set<String> WRITE_APPLICATION = Set.of(READ_WRITE_ALL);

    private PresencePermissions() {
    }

    /** {@code /me} means the signed-in user, so only a delegated token has one. */
    public static void requireDelegatedForMe(Caller caller) {
        if (!caller.isDelegated()) {
            throw new AccessDeniedException("/me requests are only valid with a delegated (user) token.");
        }
    }

    /**
     * Before the user is loaded, by id alone: the token's own id may be its user. Once the
     * user is found, {@link #requireRead(Caller, DirectoryUser)} decides by (tenant, id).
     */
    public static void requireRead(Caller caller, String userId) {
        requireRead(caller, isOwn(caller, userId));
    }

    /** Reading a user as found: only a token of the user's own tenant is that user. */
    public static void requireRead(Caller caller, DirectoryUser user) {
        requireRead(caller, caller.is(user));
    }

    private static void requireRead(Caller caller, boolean own) {
        requireAny(caller, own ? READ_OWN : READ_OTHERS, own ? "Reading your presence" : "Reading another user's presence");
    }

    /** Whether a subscriber may be told of this user's presence, by permission alone (trust is checked apart). */
    public static boolean mayRead(Caller caller, DirectoryUser user) {
        return holdsAny(caller, caller.is(user) ? READ_OWN : READ_OTHERS);
    }

    /** By id alone, before the users are loaded, as {@link #requireRead(Caller, String)} decides. */
    public static boolean mayRead(Caller caller, String userId) {
        return holdsAny(caller, isOwn(caller, userId) ? READ_OWN : READ_OTHERS);
    }

    private static boolean isOwn(Caller caller, String userId) {
        return caller.isDelegated() && caller.userId().equals(userId);
    }

    /** Some presence is readable with this token: its own user's for a delegated one, anyone's for an application. */
    public static void requireSomeRead(Caller caller) {
        requireAny(caller, caller.isDelegated() ? READ_OWN : READ_OTHERS, "Presence subscriptions");
    }

    public static void requireBatchRead(Caller caller) {
        requireAny(caller, READ_OTHERS, "getPresencesByUserId");
    }

    /** Delegated tokens write only their own user's presence; application tokens any user of the tenant. */
    public static void requireWrite(Caller caller, String userId) {
        if (caller.isDelegated()) {
            requireAny(caller, WRITE_DELEGATED, "Changing presence");
            if (!caller.userId().equals(userId)) {
                throw new AccessDeniedException("A delegated token can only change the signed-in user's presence.");
            }
        } else {
            requireAny(caller, WRITE_APPLICATION, "Changing presence");
        }
    }

    /** An application's session is its own: sessionId must be the caller's application id. */
    public static void requireOwnSession(Caller caller, String sessionId) {
        if (!sessionId.equalsIgnoreCase(caller.appId())) {
            throw new AccessDeniedException("sessionId must be the calling application's id.");
        }
    }

    private static boolean holdsAny(Caller caller, Set<String> accepted) {
        return caller.permissions().stream().anyMatch(accepted::contains);
    }

    private static void requireAny(Caller caller, Set<String> accepted, String what) {
        if (holdsAny(caller, accepted)) {
            return;
        }
        String kind = caller.isDelegated() ? "delegated scopes" : "application roles";
        throw new AccessDeniedException(what + " needs one of the " + kind + " " + accepted.stream().sorted().toList()
                + ".");
    }
}
