package io.graphpresence.presence;

/** An availability with the activity that goes with it. */
public record PresencePair(Availability availability, Activity activity) {

    public static final PresencePair OFFLINE = new PresencePair(Availability.Offline, Activity.Offline);
    public static final PresencePair UNKNOWN =
            new PresencePair(Availability.PresenceUnknown, Activity.PresenceUnknown);
    static final PresencePair IDLE = new PresencePair(Availability.AvailableIdle, Activity.Inactive);
    static final PresencePair AWAY = new PresencePair(Availability.Away, Activity.Away);

    public static PresencePair parse(String availability, String activity) {
        return new PresencePair(Availability.parse(availability), Activity.parse(activity));
    }

    @Override
    public String toString() {
        return availability + "/" + activity;
    }
}
