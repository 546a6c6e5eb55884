package io.graphpresence.api;

import io.graphpresence.access.Caller;
import io.micronaut.context.ApplicationContext;

/**
 * The presence paths Graph's metadata lists, and its SDKs therefore generate, but Graph
 * refuses when called: PATCH and DELETE of a presence, creating one, and listing or counting
 * {@code /communications/presences}. Presence changes only through its actions, and is read
 * one user or one batch of ids at a time (docs/graph-paths.md).
 */
public class UnsupportedPresenceOperationFunction extends GraphFunction {

    public UnsupportedPresenceOperationFunction() {
    }

    public UnsupportedPresenceOperationFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected GraphResponse handle(GraphRequest request, Caller caller) {
        throw new GraphError(405, "MethodNotAllowed", request.method() + " is not supported on this presence path:"
                + " presence changes through its actions (setPresence, setUserPreferredPresence, setStatusMessage, ...)"
                + " and is read one user at a time or with communications/getPresencesByUserId.");
    }
}
