package io.graphpresence.access;

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

    /** The permissions that count for this kind of token. */
    public Set<String> permissions() {
        return isDelegated() ? scopes : roles;
    }
}
