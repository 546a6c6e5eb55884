package io.graphpresence.observe;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What of a subscriber's URL may be logged: scheme, host, port and path. The query string
 * (where endpoints often carry a secret), any user info and the fragment are left out.
 */
public final class Redact {

    static final String HIDDEN = "?[query redacted]";

    private Redact() {
    }

    public static String url(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                return cut(url);
            }
            String kept = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
                    .toString();
            return uri.getRawQuery() == null && uri.getRawUserInfo() == null ? kept : kept + HIDDEN;
        } catch (URISyntaxException malformed) {
            return cut(url);
        }
    }

    /** {@code text} with every appearance of {@code url} in it redacted, as in a failure's message. */
    public static String text(String text, String url) {
        if (text == null || url == null || url.isEmpty()) {
            return text;
        }
        return text.replace(url, url(url));
    }

    /** A URL that cannot be parsed: everything from the first '?', '#' or '@' is dropped. */
    private static String cut(String url) {
        int end = url.length();
        for (char c : new char[]{'?', '#', '@'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return end == url.length() ? url : url.substring(0, end) + HIDDEN;
    }
}
