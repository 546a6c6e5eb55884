package io.graphpresence.presence;

/**
 * A user's presence as readers see it at one moment.
 *
 * @param statusMessage null when there is none, or it has expired
 * @param outOfOffice   the automatic replies in force now, or null when the user is not out of office
 * @param workLocation  where the user works today, or null when unspecified
 */
public record PresenceView(PresencePair pair, StatusMessage statusMessage, AutomaticReplies outOfOffice,
                           WorkLocation workLocation, String sequenceNumber) {

    /**
     * What readers see, without the sequence number: two views with the same fingerprint
     * look the same, so a change notification between them would tell nothing.
     */
    public String fingerprint() {
        String text = pair + "|" + (statusMessage == null ? "" : statusMessage.content() + "|" + statusMessage.contentType()
                + "|" + statusMessage.publishedAt() + "|" + (statusMessage.expiry() == null ? "" : statusMessage.expiry().instant()))
                + "|" + (outOfOffice == null ? "" : outOfOffice.toString())
                + "|" + (workLocation == null ? "" : workLocation.type() + "/" + workLocation.source() + "/"
                + workLocation.placeId());
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JDK has SHA-256", impossible);
        }
    }
}
