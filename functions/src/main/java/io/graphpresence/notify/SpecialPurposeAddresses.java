package io.graphpresence.notify;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses a notification may never go to: every block of IANA's IPv4 and IPv6
 * special-purpose address registries (even those marked globally reachable, such as AS112 or
 * the anycast relays: none of them is a webhook), multicast, and, for IPv6, anything outside
 * global unicast (2000::/3). An IPv4 address embedded in IPv6 (IPv4-mapped, or NAT64's
 * well-known prefix 64:ff9b::/96) is judged as that IPv4 address; the other embeddings
 * (IPv4-compatible ::/96, the local NAT64 prefix, 6to4, Teredo) are special-purpose blocks of
 * their own and refused whole.
 */
final class SpecialPurposeAddresses {

    /** A CIDR block. */
    private record Block(byte[] network, int bits) {

        static Block of(String cidr) {
            int slash = cidr.indexOf('/');
            return new Block(literal(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    // https://www.iana.org/assignments/iana-ipv4-special-registry, and multicast (224.0.0.0/4)
    private static final List<Block> IPV4 = blocks(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4");

    private static final Block GLOBAL_UNICAST = Block.of("2000::/3");
    private static final Block NAT64_WELL_KNOWN = Block.of("64:ff9b::/96");
    // https://www.iana.org/assignments/iana-ipv6-special-registry: the blocks inside 2000::/3
    // (2001::/23 holds Teredo 2001::/32, benchmarking, ORCHID, AMT, AS112 and the anycast
    // services); the others (::/128, ::1, ::ffff:0:0/96, 64:ff9b:1::/48, 100::/64,
    // 100:0:0:1::/64, 5f00::/16, fc00::/7, fe80::/10) lie outside global unicast
    private static final List<Block> IPV6_IN_GLOBAL_UNICAST = blocks(
            "2001::/23", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20");

    private SpecialPurposeAddresses() {
    }

    /** Whether a notification may be sent to this address. */
    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return IPV4.stream().noneMatch(block -> block.contains(bytes));
        }
        if (isV4Mapped(bytes) || NAT64_WELL_KNOWN.contains(bytes)) {
            return isPublic(v4(Arrays.copyOfRange(bytes, 12, 16)));
        }
        return GLOBAL_UNICAST.contains(bytes) && IPV6_IN_GLOBAL_UNICAST.stream().noneMatch(b -> b.contains(bytes));
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static List<Block> blocks(String... cidrs) {
        return Arrays.stream(cidrs).map(Block::of).toList();
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return Inet4Address.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** An address literal's bytes: literals never reach DNS. */
    private static byte[] literal(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an address literal: " + text, e);
        }
    }
}
