package io.graphpresence.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The limits of spec section 6 on what a subscription asks for. */
public final class SubscriptionRules {

    public static final Duration LONGEST = Duration.ofMinutes(60);
    public static final Duration SHORTEST = Duration.ofMinutes(45);
    public static final int MAX_CLIENT_STATE = 128;
    /** Subscriptions an application may have at once in a tenant, unless configured otherwise. */
    public static final int PER_APPLICATION = 1000;
    /** Subscriptions in one page of {@code GET /subscriptions}. */
    public static final int PAGE_SIZE = 100;

    private SubscriptionRules() {
    }

    /**
     * At most 60 minutes ahead; less than 45 minutes is raised to 45 (Graph's presence limits).
     * Kept to the millisecond, as stored, so every answer shows the same value.
     */
    public static Instant expiry(Instant requested, Instant now) {
        return clamped(requested, now).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant clamped(Instant requested, Instant now) {
        if (requested == null) {
            throw new InvalidSubscriptionException("expirationDateTime is required.");
        }
        // a minute of grace for the client's clock and the request's travel time
        if (requested.isAfter(now.plus(LONGEST).plusSeconds(60))) {
            throw new InvalidSubscriptionException("Subscription expiration can only be " + LONGEST.toMinutes()
                    + " minutes in the future for presence; " + requested + " is later.");
        }
        Instant earliest = now.plus(SHORTEST);
        if (requested.isBefore(earliest)) {
            return earliest;
        }
        return requested.isAfter(now.plus(LONGEST)) ? now.plus(LONGEST) : requested;
    }

    public static void checkChangeType(String changeType) {
        if (!Subscription.CHANGE_TYPE.equals(changeType)) {
            throw new InvalidSubscriptionException("changeType must be 'updated' for presence; '" + changeType
                    + "' is not supported.");
        }
    }

    public static void checkClientState(String clientState) {
        if (clientState != null && clientState.length() > MAX_CLIENT_STATE) {
            throw new InvalidSubscriptionException("clientState is at most " + MAX_CLIENT_STATE + " characters; it has "
                    + clientState.length() + ".");
        }
    }

    /**
     * Rich notifications are encrypted, so they need a certificate that can be used now:
     * RSA of a safe size, not expired by the service clock.
     */
    public static void checkEncryption(boolean includeResourceData, String certificate, String certificateId,
                                       Instant now) {
        if (!includeResourceData) {
            return;
        }
        if (certificate == null || certificateId == null || certificateId.isBlank()) {
            throw new InvalidSubscriptionException("includeResourceData needs encryptionCertificate and "
                    + "encryptionCertificateId.");
        }
        try {
            NotificationEncryptor.usableCertificate(certificate, now);
        } catch (IllegalArgumentException e) {
            throw new InvalidSubscriptionException(e.getMessage());
        }
    }
}
