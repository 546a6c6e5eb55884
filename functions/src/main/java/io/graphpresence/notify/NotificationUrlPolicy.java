package io.graphpresence.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where notifications may go (spec section 6): {@code https} only (in any case), and never to
 * loopback, link-local, private or any other special-purpose address (IANA's registries, see
 * {@link SpecialPurposeAddresses}), judged on every address the host resolves to, so a public name pointing inside cannot be used to reach internal services.
 * The local stack alone also allows {@code http} and {@code https} on loopback.
 */
public final class NotificationUrlPolicy {

    /** Resolves host names; tests stand in for DNS. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final Resolver resolver;

    public NotificationUrlPolicy(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    public static NotificationUrlPolicy system(boolean allowLoopback) {
        return new NotificationUrlPolicy(allowLoopback, InetAddress::getAllByName);
    }

    /**
     * A URL that passed the policy, and the addresses it was judged on: connect to one of
     * these, not to whatever the name resolves to a moment later.
     */
    public record Destination(URI uri, List<InetAddress> addresses) {

        /** The host as the URL names it, in lower case: for TLS (SNI, certificate) and {@code Host}. */
        public String host() {
            return uri.getHost().toLowerCase(Locale.ROOT);
        }

        public boolean isHttps() {
            return "https".equalsIgnoreCase(uri.getScheme());
        }

        public int port() {
            return uri.getPort() >= 0 ? uri.getPort() : isHttps() ? 443 : 80;
        }
    }

    /**
     * @param property the request property, named in the message
     * @return the URL, parsed, with the addresses it resolved to
     * @throws InvalidSubscriptionException when it may not be used
     */
    public Destination check(String url, String property) {
        URI uri = parse(url, property);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new InvalidSubscriptionException(property + " host '" + uri.getHost() + "' does not resolve.");
        }
        boolean allLoopback = addresses.length > 0;
        for (InetAddress address : addresses) {
            boolean loopback = address.isLoopbackAddress();
            allLoopback &= loopback;
            if (loopback ? !allowLoopback : isInternal(address)) {
                throw new InvalidSubscriptionException(property + " must not point at a loopback, private or other "
                        + "special-purpose address; '" + uri.getHost() + "' resolves to " + address.getHostAddress() + ".");
            }
        }
        Destination destination = new Destination(uri, List.of(addresses));
        if (!destination.isHttps() && !(allowLoopback && allLoopback)) {
            throw new InvalidSubscriptionException(property + " must be an https URL.");
        }
        return destination;
    }

    private static URI parse(String url, String property) {
        if (url == null || url.isBlank()) {
            throw new InvalidSubscriptionException(property + " is required.");
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))
                    || uri.getUserInfo() != null) {
                throw new InvalidSubscriptionException(property + " must be an absolute https URL without "
                        + "credentials; '" + url + "' is not.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSubscriptionException(property + " '" + url + "' is not a valid URL.");
        }
    }

    /** Anything that is not a public unicast address: see {@link SpecialPurposeAddresses}. */
    static boolean isInternal(InetAddress address) {
        return !SpecialPurposeAddresses.isPublic(address);
    }
}
