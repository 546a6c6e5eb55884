package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.graphpresence.access.MailboxPermissions;
import io.graphpresence.store.CalendarStore;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.TenantUser;
import io.micronaut.context.ApplicationContext;

/**
 * {@code PATCH /me/mailboxSettings}, {@code /users/{id}/mailboxSettings}: the time zone and
 * automatic replies; what the body does not name stays as it was. Answers with the settings,
 * read after the one write.
 */
public class UpdateMailboxSettingsFunction extends GraphFunction {

    private final CalendarStore calendar = bean(CalendarStore.class);
    private final PresenceStore presence = bean(PresenceStore.class);

    public UpdateMailboxSettingsFunction() {
    }

    public UpdateMailboxSettingsFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String userId = request.targetUser(caller);
        MailboxPermissions.requireWrite(caller, userId);
        var update = MailboxSettingsJson.update(body(request));
        calendar.putMailboxSettings(new TenantUser(caller.tenantId(), userId), update, clock.instant());
        return GraphResponse.ok(MailboxSettingsJson.of(request, presence.findUser(userId).orElseThrow()));
    }
}
