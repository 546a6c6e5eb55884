package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.UserRecord;
import io.micronaut.context.ApplicationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /me/presence}, {@code /users/{id}/presence}, {@code /communications/presences/{id}}. */
public class GetPresenceFunction extends GraphFunction {

    private final PresenceStore presence = bean(PresenceStore.class);
    private final DirectoryStore directory = bean(DirectoryStore.class);

    public GetPresenceFunction() {
    }

    public GetPresenceFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String userId = request.targetUser(caller);
        // by id before loading (a missing permission is a 403 whoever the user), then by
        // (tenant, id): a token is its own user only in its own tenant
        PresencePermissions.requireRead(caller, userId);
        UserRecord user = PresenceReads.find(presence, request, caller, userId);
        PresencePermissions.requireRead(caller, user.user());
        Set<String> select = PresenceJson.select(request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", PresenceJson.singleContext(request, userId, select));
        var trust = PresenceReads.trust(directory, caller, List.of(user));
        json.putAll(PresenceReads.render(caller, trust, user, clock.instant(), select));
        return GraphResponse.ok(json);
    }
}
