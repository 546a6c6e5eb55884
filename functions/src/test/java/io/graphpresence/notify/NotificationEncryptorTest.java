package io.graphpresence.notify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decrypts with the subscriber-side steps Graph documents (RSA-OAEP unwrap, HMAC check, AES-CBC with
 * IV = key[0..16)), so a pass means stock Graph decryption code reads our notifications.
 */
class NotificationEncryptorTest {

    private static final String JSON =
            "{\"id\":\"6e8b2b1f\",\"availability\":\"Busy\",\"activity\":\"InACall\","
                    + "\"statusMessage\":{\"message\":{\"content\":\"Réunion – zurück um 15 Uhr ☕\"}}}";
    private static final String CERTIFICATE_ID = "MySelfSignedCert/DDC9651A";

    private static KeyPair rsaKeys;
    private static X509Certificate rsaCertificate;

    @BeforeAll
    static void makeCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsaKeys = generator.generateKeyPair();
        rsaCertificate = SubscriberKeys.selfSigned(rsaKeys, "SHA256withRSA");
    }

    @Test
    void decryptingWithThePrivateKeyGivesBackTheJson() throws Exception {
        EncryptedContent content = NotificationEncryptor.encrypt(JSON, rsaCertificate, CERTIFICATE_ID);

        byte[] aesKey = unwrapKey(content.dataKey());
        byte[] data = Base64.getDecoder().decode(content.data());
        assertEquals(32, aesKey.length, "AES-256 key");
        assertTrue(signatureMatches(aesKey, data, content.dataSignature()));
        assertEquals(JSON, aesDecrypt(aesKey, data));
        assertEquals(CERTIFICATE_ID, content.encryptionCertificateId());
    }

    @Test
    void signatureCheckFailsWhenOneByteOfDataChanges() throws Exception {
        EncryptedContent content = NotificationEncryptor.encrypt(JSON, rsaCertificate, CERTIFICATE_ID);
        byte[] aesKey = unwrapKey(content.dataKey());
        byte[] data = Base64.getDecoder().decode(content.data());

        byte[] tampered = data.clone();
        tampered[tampered.length / 2] ^= 0x01;

        assertTrue(signatureMatches(aesKey, data, content.dataSignature()));
        assertFalse(signatureMatches(aesKey, tampered, content.dataSignature()));
    }

    @Test
    void everyEncryptionUsesAFreshKey() throws Exception {
        EncryptedContent first = NotificationEncryptor.encrypt(JSON, rsaCertificate, CERTIFICATE_ID);
        EncryptedContent second = NotificationEncryptor.encrypt(JSON, rsaCertificate, CERTIFICATE_ID);

        assertNotEquals(first.data(), second.data());
        assertNotEquals(first.dataSignature(), second.dataSignature());
        assertNotEquals(first.dataKey(), second.dataKey());
        assertFalse(Arrays.equals(unwrapKey(first.dataKey()), unwrapKey(second.dataKey())));
    }

    @Test
    void thumbprintIsTheCertificateSha1InUpperCaseHex() throws Exception {
        EncryptedContent content = NotificationEncryptor.encrypt(JSON, rsaCertificate, CERTIFICATE_ID);

        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(rsaCertificate.getEncoded());
        assertEquals(HexFormat.of().formatHex(sha1).toUpperCase(), content.encryptionCertificateThumbprint());
        assertTrue(content.encryptionCertificateThumbprint().matches("[0-9A-F]{40}"));
    }

    @Test
    void toJsonUsesGraphPropertyNames() {
        EncryptedContent content = NotificationEncryptor.encrypt(JSON, rsaCertificate, CERTIFICATE_ID);

        assertEquals(
                List.of("data", "dataSignature", "dataKey", "encryptionCertificateId",
                        "encryptionCertificateThumbprint"),
                List.copyOf(content.toJson().keySet()));
        assertEquals(content.dataKey(), content.toJson().get("dataKey"));
    }

    @Test
    void parsesBase64Der() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(rsaCertificate.getEncoded());

        assertArrayEquals(rsaCertificate.getEncoded(),
                NotificationEncryptor.parseCertificate(base64).getEncoded());
    }

    @Test
    void parsesBase64DerWrappedOverLines() throws Exception {
        String wrapped = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(rsaCertificate.getEncoded());

        assertArrayEquals(rsaCertificate.getEncoded(),
                NotificationEncryptor.parseCertificate(wrapped).getEncoded());
    }

    @Test
    void parsesPem() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(rsaCertificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";

        X509Certificate parsed = NotificationEncryptor.parseCertificate(pem);

        assertArrayEquals(rsaCertificate.getEncoded(), parsed.getEncoded());
        // A parsed certificate must work end to end, not merely parse.
        EncryptedContent content = NotificationEncryptor.encrypt(JSON, parsed, CERTIFICATE_ID);
        assertEquals(JSON, aesDecrypt(unwrapKey(content.dataKey()),
                Base64.getDecoder().decode(content.data())));
    }

    @Test
    void refusesGarbage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotificationEncryptor.parseCertificate("this is not base64 !!!"));
        assertTrue(e.getMessage().contains("encryptionCertificate is not a base64 X.509 certificate"),
                e.getMessage());
    }

    @Test
    void refusesEmpty() {
        assertThrows(IllegalArgumentException.class, () -> NotificationEncryptor.parseCertificate(null));
        assertThrows(IllegalArgumentException.class, () -> NotificationEncryptor.parseCertificate("  "));
    }

    @Test
    void refusesBase64ThatIsNotACertificate() {
        // Valid base64 of valid DER, but a bare public key rather than a certificate.
        String publicKey = Base64.getEncoder().encodeToString(rsaKeys.getPublic().getEncoded());
        String text = Base64.getEncoder().encodeToString(JSON.getBytes(StandardCharsets.UTF_8));

        for (String notACertificate : List.of(publicKey, text)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NotificationEncryptor.parseCertificate(notACertificate));
            assertTrue(e.getMessage().contains("not a base64 X.509 certificate"), e.getMessage());
        }
    }

    @Test
    void refusesPemWithoutACertificateBlock() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getEncoder().encodeToString(rsaKeys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThrows(IllegalArgumentException.class, () -> NotificationEncryptor.parseCertificate(pem));
    }

    @Test
    void refusesACertificateWithAnEcKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        X509Certificate ecCertificate = SubscriberKeys.selfSigned(generator.generateKeyPair(), "SHA256withECDSA");
        String base64 = Base64.getEncoder().encodeToString(ecCertificate.getEncoded());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotificationEncryptor.parseCertificate(base64));
        assertTrue(e.getMessage().contains("RSA"), e.getMessage());
    }

    // Subscriber side, as in Graph's "Decrypting resource data" steps.

    private static byte[] unwrapKey(String dataKey) throws Exception {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding");
        rsa.init(Cipher.DECRYPT_MODE, rsaKeys.getPrivate());
        return rsa.doFinal(Base64.getDecoder().decode(dataKey));
    }

    private static boolean signatureMatches(byte[] aesKey, byte[] data, String dataSignature) throws Exception {
        Mac mac = Mac.getInstance("HMACSHA256");
        mac.init(new SecretKeySpec(aesKey, "HMACSHA256"));
        return MessageDigest.isEqual(mac.doFinal(data), Base64.getDecoder().decode(dataSignature));
    }

    private static String aesDecrypt(byte[] aesKey, byte[] data) throws Exception {
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5PADDING");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"),
                new IvParameterSpec(Arrays.copyOf(aesKey, 16)));
        return new String(aes.doFinal(data), StandardCharsets.UTF_8);
    }

    @Test
    void weakAndOversizedRsaKeysAreRefused() throws Exception {
        for (int bits : new int[] {512, 1024, 2047}) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            String base64 = Base64.getEncoder().encodeToString(
                    SubscriberKeys.selfSigned(generator.generateKeyPair(), "SHA256withRSA").getEncoded());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> NotificationEncryptor.parseCertificate(base64), bits + " bits");
            assertTrue(refused.getMessage().contains("2048"), refused.getMessage());
        }
        NotificationEncryptor.parseCertificate(Base64.getEncoder().encodeToString(rsaCertificate.getEncoded()));
    }

    @Test
    void aCertificateOutsideItsValidityOnTheServiceClockIsNotUsable() throws Exception {
        java.time.Instant now = java.time.Instant.parse("2026-11-23T09:00:00Z");
        String expired = Base64.getEncoder().encodeToString(SubscriberKeys.selfSigned(rsaKeys, "SHA256withRSA",
                now.minus(java.time.Duration.ofDays(10)), now.minusSeconds(1)).getEncoded());
        String notYet = Base64.getEncoder().encodeToString(SubscriberKeys.selfSigned(rsaKeys, "SHA256withRSA",
                now.plusSeconds(60), now.plus(java.time.Duration.ofDays(10))).getEncoded());
        assertThrows(IllegalArgumentException.class, () -> NotificationEncryptor.usableCertificate(expired, now));
        assertThrows(IllegalArgumentException.class, () -> NotificationEncryptor.usableCertificate(notYet, now));
        // the service clock decides, not the machine's
        NotificationEncryptor.usableCertificate(expired, now.minus(java.time.Duration.ofDays(1)));
    }
}
