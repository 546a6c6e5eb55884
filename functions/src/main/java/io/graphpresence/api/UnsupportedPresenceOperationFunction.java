package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.micronaut.context.ApplicationContext;

/**
 * The presence paths Graph's metadata lists, and its SDKs therefore generate, but Graph
 * refuses when called: PATCH and DELETE of a presence, creating one, and listing or counting
 * {@code /communications/presences}. Presence changes only through its actions, and is read
 * one user or one batch of ids at a time (docs/graph-paths.md).
 * <p>
 * Graph was seen answering PATCH of a user's presence with 404 {@code NotFound} (the SDK's
 * {@code Update-MgBetaUserPresence}, microsoftgraph/msgraph-sdk-powershell#3287): its presence
 * service has no update or delete of the entity, so those answer the same here. No answer of
 * Graph's to the collection's methods is on record; they get 405, "this method does not exist here".
 */
public class UnsupportedPresenceOperationFunction extends GraphFunction {

    public UnsupportedPresenceOperationFunction() {
    }

    public UnsupportedPresenceOperationFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        if (request.method().equals("PATCH") || request.method().equals("DELETE")) {
            throw new GraphError(404, "NotFound", request.method() + " of a presence is not supported:"
                    + " presence changes through its actions (setPresence, setUserPreferredPresence, setStatusMessage, ...).");
        }
        throw new GraphError(405, "MethodNotAllowed", request.method() + " is not supported on this presence path:"
                + " presence changes through its actions (setPresence, setUserPreferredPresence, setStatusMessage, ...)"
                + " and is read one user at a time or with communications/getPresencesByUserId.");
    }
}
