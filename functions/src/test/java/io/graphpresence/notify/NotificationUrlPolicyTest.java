package io.graphpresence.notify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The SSRF policy, table-driven: every block of IANA's special-purpose registries (IPv4 and
 * IPv6) and every IPv4-in-IPv6 embedding is refused, whether the URL names the address or a
 * public-looking name resolves to it; public addresses pass, in any letter case.
 */
class NotificationUrlPolicyTest {

    private static NotificationUrlPolicy resolvingTo(String address) {
        return new NotificationUrlPolicy(false, host -> new InetAddress[]{InetAddress.getByName(address)});
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0          | this network
            0.1.2.3          | this network
            10.0.0.1         | private
            100.64.0.1       | shared (CGNAT)
            100.127.255.254  | shared (CGNAT)
            127.0.0.1        | loopback
            127.255.0.1      | loopback
            169.254.169.254  | link local (instance metadata)
            172.16.0.1       | private
            172.31.255.255   | private
            192.0.0.1        | IETF protocol assignments
            192.0.0.170      | NAT64 discovery
            192.0.0.255      | IETF protocol assignments
            192.0.2.10       | documentation TEST-NET-1
            192.31.196.1     | AS112
            192.52.193.1     | AMT
            192.88.99.1      | 6to4 relay anycast
            192.168.1.1      | private
            192.175.48.1     | AS112 direct delegation
            198.18.0.1       | benchmarking
            198.19.255.255   | benchmarking
            198.51.100.7     | documentation TEST-NET-2
            203.0.113.7      | documentation TEST-NET-3
            224.0.0.1        | multicast
            239.255.255.250  | multicast
            240.0.0.1        | reserved
            255.255.255.255  | limited broadcast
            ::               | unspecified
            ::1              | loopback
            ::127.0.0.1      | IPv4-compatible loopback
            ::a9fe:a9fe      | IPv4-compatible
            ::8.8.8.8        | IPv4-compatible, even of a public address
            ::ffff:10.0.0.1  | IPv4-mapped private
            ::ffff:169.254.169.254 | IPv4-mapped link local
            64:ff9b::a9fe:a9fe | NAT64 of 169.254.169.254
            64:ff9b::10.0.0.1  | NAT64 of 10.0.0.1
            64:ff9b::127.0.0.1 | NAT64 of loopback
            64:ff9b:1::808:808 | local-use NAT64
            100::1           | discard-only
            100:0:0:1::1     | dummy prefix
            2001::1          | Teredo
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo
            2001:1::1        | PCP anycast
            2001:2::1        | benchmarking
            2001:3::1        | AMT
            2001:4:112::1    | AS112
            2001:10::1       | ORCHID
            2001:20::1       | ORCHIDv2
            2001:db8::1      | documentation
            2002:a9fe:a9fe::1 | 6to4 of 169.254.169.254
            2002:808:808::1  | 6to4, even of a public address
            2620:4f:8000::1  | AS112 direct delegation
            3fff::1          | documentation
            5f00::1          | segment routing
            fc00::1          | unique local
            fd12:3456::1     | unique local
            fe80::1          | link local
            fec0::1          | site local (deprecated)
            ff02::1          | multicast
            """)
    void specialPurposeAddressesAreRefusedBehindAnyName(String address, String what) {
        assertThrows(InvalidSubscriptionException.class,
                () -> resolvingTo(address).check("https://hooks.example/x", "notificationUrl"), what);
        String literal = address.contains(":") ? "[" + address + "]" : address;
        // a literal in the URL, read by the system's resolver (literals never reach DNS)
        assertThrows(InvalidSubscriptionException.class,
                () -> NotificationUrlPolicy.system(false).check("https://" + literal + "/x", "notificationUrl"), what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.215.14", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.32.0.1",
            "192.0.1.1", "198.20.0.1", "223.255.255.254", "2606:4700::1111", "2a00:1450:4001::200e",
            "64:ff9b::808:808", "::ffff:8.8.8.8", "2001:200::1", "2620:4f:8001::1"})
    void publicAddressesPass(String address) throws Exception {
        var destination = resolvingTo(address).check("https://hooks.example/x", "notificationUrl");
        assertEquals(InetAddress.getByName(address), destination.addresses().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTPS://hooks.example/x", "Https://HOOKS.Example/x", "hTTpS://hooks.EXAMPLE:8443/x"})
    void schemesAndHostsAreCaseInsensitive(String url) {
        var destination = resolvingTo("8.8.8.8").check(url, "notificationUrl");
        assertEquals("hooks.example", destination.host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP://hooks.example/x", "FTP://hooks.example/x", "Http://hooks.example/x"})
    void onlyHttpsInAnyCase(String url) {
        assertThrows(InvalidSubscriptionException.class, () -> resolvingTo("8.8.8.8").check(url, "notificationUrl"));
    }
}
