package io.graphpresence.limits;

/**
 * The most any request may carry, field by field: each is refused with a 400 (a body over
 * {@link #MAX_BODY_CHARS}, 413) before anything is stored. docs/limits.md gives each value,
 * where it comes from, and the largest user item they allow.
 */
public final class InputLimits {

    /** A request body, in characters: the largest legitimate one (a 650-user subscription with a certificate) is about 45,000. */
    public static final int MAX_BODY_CHARS = 128 * 1024;
    /** How deep a body's objects and arrays may nest; Graph bodies this service reads nest four deep at most. */
    public static final int MAX_NESTING = 64;
    /** Any string property without a limit of its own. */
    public static final int MAX_STRING = 1024;
    /** Any array property without a limit of its own. */
    public static final int MAX_ITEMS = 1000;

    /** Application (client) ids, which are also session ids: Entra's are GUIDs; others are kept to key-safe text. */
    public static final int MAX_ID = 128;
    /** Status message content: Graph documents none; Teams shows far less. */
    public static final int MAX_STATUS_MESSAGE = 1000;
    /** Each automatic-reply message: Graph documents none; enough for a long HTML reply. */
    public static final int MAX_REPLY_MESSAGE = 8000;
    /** An event's subject, as Outlook's own limit. */
    public static final int MAX_SUBJECT = 255;
    public static final int MAX_PLACE_ID = 256;
    /** A notification URL, as browsers and most servers accept. */
    public static final int MAX_URL = 2048;
    /** An encryption certificate, base64 or PEM: a 16,384-bit RSA certificate is about 5,000. */
    public static final int MAX_CERTIFICATE = 16 * 1024;
    /** A subscription's resource: 650 quoted GUIDs with separators and the filter around them. */
    public static final int MAX_RESOURCE = 650 * 42 + 100;

    private InputLimits() {
    }
}
