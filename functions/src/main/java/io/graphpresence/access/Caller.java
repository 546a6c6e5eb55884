package io.graphpresence.access;

import io.graphpresence.directory.DirectoryUser;

import java.util.Set;

/**
 * Who is calling, from verified token claims.
 *
 * @param userId the signed-in user's object id ({@code oid}) for delegated tokens; null for
 *               application tokens
 * @param appId  the calling application ({@code azp} or {@code appid})
 * @param scopes delegated permissions ({@code scp})
 * @param roles  application permissions ({@code roles})
 */
public record Caller(String tenantId, String userId, String appId, Set<String> scopes, Set<String> roles) {

    public boolean isDelegated() {
        return userId != null;
    }

    /**
     * Whether this token is that user. Identity is the pair (tid, oid): a tenant's identity
     * provider vouches for its own users only, so an {@code oid} that is another tenant's
     * user is not that user, whatever trust there is between the tenants.
     */
    public boolean is(DirectoryUser user) {
        return isDelegated() && userId.equals(user.id()) && tenantId.equals(user.tenantId());
    }

    /** The permissions that count for this kind of token. */
    public Set<String> permissions() {
        return isDelegated() ? scopes : roles;
    }
}
