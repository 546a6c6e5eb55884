package io.graphpresence.api;

import io.graphpresence.throttle.ThrottleFamily;
import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.store.DirectoryStore;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.UserRecord;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /communications/getPresencesByUserId}: 1 to 650 ids; each distinct id appears
 * once, ids nobody knows (or nobody may see) as PresenceUnknown.
 */
public class GetPresencesByUserIdFunction extends GraphFunction {

    static final int MAX_IDS = 650;

    private final PresenceStore presence = bean(PresenceStore.class);
    private final DirectoryStore directory = bean(DirectoryStore.class);

    public GetPresencesByUserIdFunction() {
    }

    public GetPresencesByUserIdFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        PresencePermissions.requireBatchRead(caller);
        Set<String> ids = ids(body(request).requiredStringArray("ids"));
        Map<String, UserRecord> found = presence.findUsers(ids);
        var trust = PresenceReads.trust(directory, caller, found.values());
        Instant now = clock.instant();
        Set<String> select = PresenceJson.select(request);
        List<Object> value = new ArrayList<>(ids.size());
        for (String id : ids) {
            UserRecord user = found.get(id);
            Map<String, Object> presence = PresenceReads.render(caller, trust, user, now, select);
            presence.put("id", id);
            value.add(presence);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", request.serviceRoot() + "/$metadata#Collection(microsoft.graph.presence)");
        json.put("value", value);
        return GraphResponse.ok(json);
    }

    private static Set<String> ids(List<String> raw) {
        if (raw.isEmpty() || raw.size() > MAX_IDS) {
            throw GraphError.invalidArgument("ids must hold between 1 and " + MAX_IDS + " user ids; it has "
                    + raw.size() + ".");
        }
        Set<String> ids = new LinkedHashSet<>();
        raw.forEach(id -> ids.add(GraphRequest.normalizedUserId(id)));
        return ids;
    }

    /** A POST that reads. */
    @Override
    protected ThrottleFamily family(GraphRequest request) {
        return ThrottleFamily.READS;
    }
}
