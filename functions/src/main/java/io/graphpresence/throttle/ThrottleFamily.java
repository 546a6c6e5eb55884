package io.graphpresence.throttle;

/** The operation families an application's calls are counted in, each against its own limit. */
public enum ThrottleFamily {
    READS, WRITES, SUBSCRIPTIONS;

    /** The name used in settings: {@code presence.throttle.<name>.limit}. */
    public String settingName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
