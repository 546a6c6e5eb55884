package io.graphpresence.presence;

import java.util.List;
import java.util.stream.Collectors;

import static io.graphpresence.presence.Activity.*;
import static io.graphpresence.presence.Availability.Available;
import static io.graphpresence.presence.Availability.Away;
import static io.graphpresence.presence.Availability.BeRightBack;
import static io.graphpresence.presence.Availability.Busy;
import static io.graphpresence.presence.Availability.DoNotDisturb;
import static io.graphpresence.presence.Availability.Offline;

/**
 * The pairs each operation accepts (spec section 3). Graph silently ignores other pairs;
 * we refuse them and say which are supported.
 */
public final class SupportedPairs {

    public static final List<PresencePair> SESSION = List.of(
            new PresencePair(Available, Activity.Available),
            new PresencePair(Busy, InACall),
            new PresencePair(Busy, InAConferenceCall),
            new PresencePair(Away, Activity.Away),
            new PresencePair(DoNotDisturb, Presenting));

    public static final List<PresencePair> PREFERRED = List.of(
            new PresencePair(Available, Activity.Available),
            new PresencePair(Busy, Activity.Busy),
            new PresencePair(DoNotDisturb, Activity.DoNotDisturb),
            new PresencePair(BeRightBack, Activity.BeRightBack),
            new PresencePair(Away, Activity.Away),
            new PresencePair(Offline, OffWork));

    private SupportedPairs() {
    }

    public static PresencePair requireSession(PresencePair pair) {
        return require(pair, SESSION, "setPresence");
    }

    public static PresencePair requirePreferred(PresencePair pair) {
        return require(pair, PREFERRED, "setUserPreferredPresence");
    }

    private static PresencePair require(PresencePair pair, List<PresencePair> supported, String operation) {
        if (!supported.contains(pair)) {
            String list = supported.stream().map(PresencePair::toString).collect(Collectors.joining(", "));
            throw new InvalidPresenceException("The pair " + pair + " is not supported by " + operation
                    + ". Supported pairs: " + list + ".");
        }
        return pair;
    }
}
