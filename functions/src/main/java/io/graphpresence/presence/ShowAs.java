package io.graphpresence.presence;

/** How a calendar event shows the user's time (Graph's {@code freeBusyStatus}). */
public enum ShowAs {
    free, tentative, busy, oof, workingElsewhere, unknown;

    public static ShowAs parse(String text) {
        return AutomaticReplies.parse(ShowAs.class, text, "showAs value (free, tentative, busy, oof, workingElsewhere, unknown)");
    }
}
