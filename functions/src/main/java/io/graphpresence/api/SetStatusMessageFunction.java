package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.presence.StatusMessage;
import io.graphpresence.presence.StatusMessages;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;

/** {@code POST .../presence/setStatusMessage}: an empty content clears the message. */
public class SetStatusMessageFunction extends PresenceWriteFunction {

    public SetStatusMessageFunction() {
    }

    public SetStatusMessageFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void write(TenantUser target, GraphRequest request, Caller caller) {
        JsonBody statusMessage = body(request).requiredObject("statusMessage");
        JsonBody message = statusMessage.requiredObject("message");
        JsonBody expiry = statusMessage.optionalObject("expiryDateTime");
        Instant now = clock.instant();
        StatusMessage stored = StatusMessages.create(
                message.optionalString("content", io.graphpresence.limits.InputLimits.MAX_STATUS_MESSAGE), message.optionalString("contentType"),
                expiry == null ? null : expiry.requiredString("dateTime"),
                expiry == null ? null : expiry.optionalString("timeZone"), now);
        presence.putStatusMessage(target, stored, now);
    }
}
