package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.presence.ExpirationPolicy;
import io.graphpresence.presence.PreferredPresence;
import io.graphpresence.presence.PresencePair;
import io.graphpresence.presence.SupportedPairs;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;

/** {@code POST .../presence/setUserPreferredPresence}: what the user shows over every session. */
public class SetUserPreferredPresenceFunction extends PresenceWriteFunction {

    public SetUserPreferredPresenceFunction() {
    }

    public SetUserPreferredPresenceFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void write(TenantUser target, GraphRequest request, Caller caller) {
        JsonBody body = body(request);
        PresencePair pair = SupportedPairs.requirePreferred(
                PresencePair.parse(body.requiredString("availability"), body.requiredString("activity")));
        var lifetime = ExpirationPolicy.preferred(body.optionalString("expirationDuration"), pair.availability());
        Instant now = clock.instant();
        presence.putPreferred(target, new PreferredPresence(pair, now, now.plus(lifetime)), now);
    }
}
