package io.graphpresence.api;

import io.graphpresence.access.AccessDeniedException;
import io.graphpresence.access.Caller;
import io.graphpresence.access.MailboxPermissions;
import io.graphpresence.store.PresenceStore;
import io.graphpresence.store.UserRecord;
import io.micronaut.context.ApplicationContext;

/** {@code GET /me/mailboxSettings}, {@code /users/{id}/mailboxSettings}. */
public class GetMailboxSettingsFunction extends GraphFunction {

    private final PresenceStore presence = bean(PresenceStore.class);

    public GetMailboxSettingsFunction() {
    }

    public GetMailboxSettingsFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        String userId = request.targetUser(caller);
        MailboxPermissions.requireRead(caller, userId);
        UserRecord user = PresenceReads.find(presence, request, caller, userId);
        if (!user.user().tenantId().equals(caller.tenantId())) {
            throw new AccessDeniedException("Mailbox settings are readable only inside the user's tenant.");
        }
        return GraphResponse.ok(MailboxSettingsJson.of(request, user));
    }
}
