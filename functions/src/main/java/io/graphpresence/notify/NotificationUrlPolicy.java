package io.graphpresence.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Where notifications may go (spec section 6): {@code https} only, and never to loopback,
 * link-local, private or otherwise internal addresses, judged on every address the host
 * resolves to, so a public name pointing inside cannot be used to reach internal services.
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
     * @param property the request property, named in the message
     * @return the URL, parsed
     * @throws InvalidSubscriptionException when it may not be used
     */
    public URI check(String url, String property) {
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
                throw new InvalidSubscriptionException(property + " must not point at a loopback, link-local or "
                        + "private address; '" + uri.getHost() + "' resolves to " + address.getHostAddress() + ".");
            }
        }
        if (!"https".equals(uri.getScheme()) && !(allowLoopback && allLoopback)) {
            throw new InvalidSubscriptionException(property + " must be an https URL.");
        }
        return uri;
    }

    private static URI parse(String url, String property) {
        if (url == null || url.isBlank()) {
            throw new InvalidSubscriptionException(property + " is required.");
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
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

    /** Anything that is not a public unicast address. */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0/8 this network, 100.64/10 carrier-grade NAT, 198.18/15 benchmarking, 240/4 reserved
            return first == 0 || (first == 100 && (second & 0xc0) == 64) || (first == 198 && (second & 0xfe) == 18)
                    || first >= 240;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local addresses; an IPv4-mapped address is judged as its IPv4 one
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            if (isV4Mapped(b)) {
                try {
                    return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
