package io.graphpresence.observe;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log audit's reading: each kind of secret is found, and what may be logged is not taken for one. */
class SecretScanTest {

    @Test
    void eachKindOfSecretIsFoundWithTheTestThatHadStarted() {
        SecretScan scan = new SecretScan();
        scan.read(line("test started: io.x.SomeTest#aTest"), "a:1");
        scan.read(line("Token refused for eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ0ZW5hbnQifQ.c2ln"), "a:2");
        scan.read(line("-----BEGIN CERTIFICATE-----"), "a:3");
        scan.read(line("cert MIIC" + "A".repeat(80)), "a:4");
        scan.read(line("Delivery to http:\\/\\/127.0.0.1:8443\\/hook?key=sig-1 failed"), "a:5");
        scan.read(line("status set to In workshops"), "a:6");
        scan.read(line("handshake with clientState cs-lifecycle"), "a:7");
        List<SecretScan.Finding> found = scan.findings();
        assertEquals(List.of("a JWT-shaped token", "a PEM block", "a base64 certificate or key", "a URL's query string",
                "a message body", "a clientState"), found.stream().map(SecretScan.Finding::kind).toList());
        assertEquals("io.x.SomeTest#aTest", found.get(0).test());
        assertEquals("a:2", found.get(0).where());
        assertEquals(Set.of("io.x.SomeTest"), scan.testClasses());
        assertEquals(7, scan.lines());
    }

    @Test
    void whatMayBeLoggedIsNoFinding() {
        SecretScan scan = new SecretScan();
        scan.read(line("Delivery to http:\\/\\/127.0.0.1:8443\\/hook?[query redacted] failed"), "b:1");
        scan.read(line("request finished"), "b:2");
        scan.read(line("Not delivering to https:\\/\\/hooks.example.com\\/a: not public"), "b:3");
        assertTrue(scan.findings().isEmpty(), scan.findings()::toString);
    }

    private static String line(String message) {
        return "{\"level\":\"INFO\",\"mdc\": {},\"formattedMessage\":\"" + message + "\",\"throwable\":null}";
    }
}
