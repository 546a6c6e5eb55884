package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.access.ReaderTrust;
import io.graphpresence.directory.UserNotFoundException;
import io.graphpresence.presence.PresenceAggregator;
import io.graphpresence.presence.PresenceView;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.UserRecord;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** How one reader sees users at one moment: every read path goes through here. */
public final class PresenceReads {

    private PresenceReads() {
    }

    /**
     * The user a path names, as found. {@code /me} is the token's user in the token's own
     * tenant: an {@code oid} that only another tenant knows names nobody.
     *
     * @throws UserNotFoundException when there is no such user
     */
    static UserRecord find(PresenceStore presence, GraphRequest request, Caller caller, String userId) {
        return presence.findUser(userId)
                .filter(found -> !request.isMe() || caller.is(found.user()))
                .orElseThrow(() -> new UserNotFoundException(userId));
    }

    /**
     * The reader's trust for these users: same-tenant reads load nothing more, otherwise the
     * tenants involved are read in one batch, once per request.
     */
    static ReaderTrust trust(DirectoryStore directory, Caller reader, Collection<UserRecord> users) {
        Set<String> tenants = ReaderTrust.tenantsToLoad(reader.tenantId(),
                users.stream().map(UserRecord::user).toList());
        return new ReaderTrust(reader.tenantId(), tenants.isEmpty() ? Map.of() : directory.findTenants(tenants));
    }

    /**
     * @param user null when no tenant knows the id; it reads, like a user the reader may not
     *             see, as PresenceUnknown and nothing else
     */
    static Map<String, Object> render(Caller reader, ReaderTrust trust, UserRecord user, Instant now,
                                      Set<String> select) {
        if (user == null || !trust.canSee(user.user())) {
            return PresenceJson.presence(user == null ? null : user.user().id(), null, false, false, select);
        }
        return asSeenBy(reader, user, PresenceAggregator.view(user.presence(), now), select);
    }

    /**
     * A user the reader may see, as that reader sees them: the user alone sees a status
     * message's dates, and the user's tenant the internal out-of-office message.
     */
    public static Map<String, Object> asSeenBy(Caller reader, UserRecord user, PresenceView view, Set<String> select) {
        boolean owner = reader.is(user.user());
        boolean sameTenant = reader.tenantId().equals(user.user().tenantId());
        return PresenceJson.presence(user.user().id(), view, owner, sameTenant, select);
    }
}
