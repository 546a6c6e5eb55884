package io.graphpresence.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.graphpresence.notify.NotificationUrlPolicy.Destination;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The https path of the pinned client, against a local HTTPS server whose certificate (made
 * here, self-signed) names only {@value #HOST}: the client connects to the checked address
 * (loopback, which no DNS gives that name) while TLS sends the URL's host as SNI and checks
 * the certificate against it, and {@code Host} names it too; deadline and byte cap hold over
 * TLS as over plain HTTP.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against hanging on a regression, not a measurement
class PinnedHttpsTest {

    static final String HOST = "hooks.example";
    private static final char[] PASSWORD = "test".toCharArray();

    private static SSLContext serverTls;
    private static SSLContext clientTls;
    private static ScheduledExecutorService watchdog;

    private HttpsServer server;
    private final AtomicReference<String> sni = new AtomicReference<>();
    private final AtomicReference<String> hostHeader = new AtomicReference<>();

    @BeforeAll
    static void certificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(keys);

        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        serverStore.load(null, null);
        serverStore.setKeyEntry("server", keys.getPrivate(), PASSWORD, new X509Certificate[]{certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(serverStore, PASSWORD);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);
        watchdog = Executors.newSingleThreadScheduledExecutor();
    }

    /** Names {@value #HOST} only, as a subject alternative name: the loopback address is not in it. */
    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name subject = new X500Name("CN=" + HOST);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    @AfterAll
    static void stopWatchdog() {
        watchdog.shutdownNow();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves over TLS on loopback, noting the SNI name the client sent and its Host header. */
    private int serve(HttpHandler handler) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = serverTls.getDefaultSSLParameters();
                parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        sni.set(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            hostHeader.set(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getRequestBody().readAllBytes();
            handler.handle(exchange);
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The URL with {@code host}, pinned to loopback as if the policy had checked that address. */
    private static Destination pinned(String host, int port) {
        return new Destination(URI.create("https://" + host + ":" + port + "/hook"),
                List.of(InetAddress.getLoopbackAddress()));
    }

    private static PinnedHttpClient client() {
        return new PinnedHttpClient(watchdog, () -> clientTls.getSocketFactory());
    }

    private static PinnedHttpClient.Answer post(Destination destination, Duration deadline, int maxBytes)
            throws IOException {
        return client().post(destination, "application/json", "{}".getBytes(StandardCharsets.UTF_8), deadline,
                maxBytes, true);
    }

    @Test
    void itConnectsToThePinnedAddressAndKeepsTheHostNameForTlsAndHost() throws Exception {
        int port = serve(exchange -> answer(exchange, 200, "ok".getBytes(StandardCharsets.US_ASCII)));
        PinnedHttpClient.Answer answer = post(pinned(HOST, port), Duration.ofSeconds(10), 64 * 1024);
        assertEquals(200, answer.status());
        assertEquals("ok", new String(answer.body(), StandardCharsets.US_ASCII));
        assertEquals(HOST, sni.get(), "SNI names the URL's host, not the address connected to");
        assertEquals(HOST + ":" + port, hostHeader.get());
    }

    @Test
    void theCertificateIsCheckedAgainstTheUrlsHostNotTheAddress() throws Exception {
        int port = serve(exchange -> answer(exchange, 200, new byte[0]));
        // same server, same address: only the name in the URL differs, and the certificate does not name it
        IOException refused = assertThrows(IOException.class,
                () -> post(pinned("other.example", port), Duration.ofSeconds(10), 64 * 1024));
        assertTrue(refused instanceof SSLHandshakeException, refused.toString());
        assertEquals(null, hostHeader.get(), "nothing was sent to a server that could not prove the name");
        // and the control: the name it does hold passes on the same server
        assertEquals(200, post(pinned(HOST, port), Duration.ofSeconds(10), 64 * 1024).status());
    }

    @Test
    void theDeadlineHoldsOverTls() throws Exception {
        int port = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the body follows, a byte a second
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 60; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        assertThrows(PinnedHttpClient.AnswerRefusedException.class,
                () -> post(pinned(HOST, port), Duration.ofSeconds(2), 64 * 1024));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis < 20_000, "cut off near its 2 s deadline, long before the drip's minute: " + tookMillis + " ms");
        assertEquals(HOST, sni.get(), "the exchange was under way over TLS");
    }

    @Test
    void theByteCapHoldsOverTls() throws Exception {
        byte[] big = new byte[1024 * 1024];
        int port = serve(exchange -> answer(exchange, 200, big));
        PinnedHttpClient.AnswerRefusedException refused = assertThrows(PinnedHttpClient.AnswerRefusedException.class,
                () -> post(pinned(HOST, port), Duration.ofSeconds(10), 64 * 1024));
        assertTrue(refused.getMessage().contains("larger than"), refused.getMessage());
        // the control: a cap above the answer reads it whole
        assertEquals(big.length, post(pinned(HOST, port), Duration.ofSeconds(10), 2 * big.length).body().length);
    }
}
