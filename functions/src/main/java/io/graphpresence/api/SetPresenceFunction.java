package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.access.PresencePermissions;
import io.graphpresence.presence.ExpirationPolicy;
import io.graphpresence.presence.PresencePair;
import io.graphpresence.presence.Session;
import io.graphpresence.presence.SupportedPairs;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;

/** {@code POST .../presence/setPresence}: sets the calling application's presence session. */
public class SetPresenceFunction extends PresenceWriteFunction {

    public SetPresenceFunction() {
    }

    public SetPresenceFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void write(TenantUser target, GraphRequest request, Caller caller) {
        JsonBody body = body(request);
        String sessionId = body.requiredString("sessionId", io.graphpresence.limits.InputLimits.MAX_ID);
        PresencePair pair = SupportedPairs.requireSession(
                PresencePair.parse(body.requiredString("availability"), body.requiredString("activity")));
        var lifetime = ExpirationPolicy.session(body.optionalString("expirationDuration"));
        PresencePermissions.requireOwnSession(caller, sessionId);
        Instant now = clock.instant();
        presence.putSession(target, Session.fromApplication(caller.appId(), pair, now, lifetime), now);
    }
}
