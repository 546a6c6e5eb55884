package io.graphpresence.notify;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts resource data the way Microsoft Graph does for change notifications with
 * {@code includeResourceData}, so that a subscriber's stock Graph decryption code works unchanged:
 * a fresh AES-256 key per notification, AES/CBC/PKCS5Padding with the IV taken from the key's first
 * 16 bytes, an HMAC-SHA256 of the ciphertext keyed with the same AES key, and the AES key wrapped
 * with RSA-OAEP (SHA-1, MGF1) under the subscription's certificate.
 */
public final class NotificationEncryptor {

    /** NIST's floor for RSA since 2015; RSA-512 and RSA-1024 keys can be factored. */
    public static final int MIN_RSA_BITS = 2048;
    /** Above this, wrapping one key costs more than the delivery it protects. */
    public static final int MAX_RSA_BITS = 16384;
    private static final int AES_KEY_BYTES = 32;
    private static final int IV_BYTES = 16;
    private static final String AES = "AES/CBC/PKCS5Padding";
    private static final String HMAC = "HmacSHA256";
    // Graph documents this exact suite; OAEP with SHA-1 is what .NET's Decrypt(fOAEP: true) expects.
    private static final String RSA_OAEP = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // SecureRandom is thread-safe; one instance avoids reseeding cost on every notification.
    private static final SecureRandom RANDOM = new SecureRandom();

    private NotificationEncryptor() {
    }

    /**
     * Reads a subscription's {@code encryptionCertificate}: base64 DER as Graph expects, or PEM text
     * leniently, since that is what most tools export.
     *
     * @throws IllegalArgumentException when the value is not base64, not an X.509 certificate, or
     *                                  does not carry an RSA key (Graph only accepts RSA) of
     *                                  {@link #MIN_RSA_BITS} to {@link #MAX_RSA_BITS} bits
     */
    public static X509Certificate parseCertificate(String base64Der) {
        byte[] der = decodeBase64(certificateBody(base64Der));
        X509Certificate certificate = toCertificate(der);
        requireRsa(certificate.getPublicKey());
        int bits = ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength();
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
            throw new IllegalArgumentException("encryptionCertificate key must be RSA of " + MIN_RSA_BITS + " to "
                    + MAX_RSA_BITS + " bits, not " + bits);
        }
        return certificate;
    }

    /**
     * A certificate to encrypt with at {@code now}: {@link #parseCertificate} and within its
     * validity period by the service clock.
     *
     * @throws IllegalArgumentException when it cannot be used now
     */
    public static X509Certificate usableCertificate(String base64Der, Instant now) {
        X509Certificate certificate = parseCertificate(base64Der);
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("encryptionCertificate is not valid at " + now + " (valid from "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")", e);
        }
        return certificate;
    }

    /**
     * Encrypts one notification's resource JSON for the given certificate.
     *
     * @param certificateId the subscription's {@code encryptionCertificateId}, echoed back so the
     *                      subscriber can pick the right private key
     */
    public static EncryptedContent encrypt(String json, X509Certificate certificate, String certificateId) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificateId, "certificateId");
        byte[] aesKey = freshAesKey();
        byte[] cipherText = aesEncrypt(aesKey, json.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder base64 = Base64.getEncoder();
        return new EncryptedContent(
                base64.encodeToString(cipherText),
                base64.encodeToString(hmac(aesKey, cipherText)),
                base64.encodeToString(wrapKey(aesKey, certificate.getPublicKey())),
                certificateId,
                thumbprint(certificate));
    }

    /** Graph's thumbprint: SHA-1 over the DER certificate, upper-case hex as in its examples. */
    static String thumbprint(X509Certificate certificate) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
            return HexFormat.of().withUpperCase().formatHex(sha1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute the certificate thumbprint", e);
        }
    }

    // A new key for every notification: Graph tells subscribers to assume the key always differs,
    // and reusing it would also reuse the IV (derived from the key) under CBC.
    private static byte[] freshAesKey() {
        byte[] key = new byte[AES_KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    private static byte[] aesEncrypt(byte[] aesKey, byte[] plainText) {
        try {
            Cipher cipher = Cipher.getInstance(AES);
            // Graph derives the IV from the key rather than sending it; subscribers copy key[0..16).
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"),
                    new IvParameterSpec(aesKey, 0, IV_BYTES));
            return cipher.doFinal(plainText);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES encryption failed", e);
        }
    }

    // The signature covers the ciphertext (encrypt-then-MAC), so subscribers check it before decrypting.
    private static byte[] hmac(byte[] aesKey, byte[] cipherText) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(aesKey, HMAC));
            return mac.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    private static byte[] wrapKey(byte[] aesKey, PublicKey publicKey) {
        requireRsa(publicKey);
        try {
            Cipher cipher = Cipher.getInstance(RSA_OAEP);
            cipher.init(Cipher.ENCRYPT_MODE, publicKey, RANDOM);
            return cipher.doFinal(aesKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot encrypt the data key with the certificate's RSA key", e);
        }
    }

    // PEM is accepted leniently: take the first CERTIFICATE block; otherwise the whole value is base64.
    private static String certificateBody(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("encryptionCertificate is empty");
        }
        if (!text.contains("-----BEGIN")) {
            return text;
        }
        Matcher pem = PEM_CERTIFICATE.matcher(text);
        if (!pem.find()) {
            throw new IllegalArgumentException("encryptionCertificate PEM holds no CERTIFICATE block");
        }
        return pem.group(1);
    }

    // Line breaks are common in exported base64, so whitespace is dropped before strict decoding.
    private static byte[] decodeBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "encryptionCertificate is not a base64 X.509 certificate: not valid base64", e);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("encryptionCertificate is empty");
        }
        return bytes;
    }

    private static X509Certificate toCertificate(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            // The JDK parser throws unchecked exceptions on some malformed DER as well.
            throw new IllegalArgumentException("encryptionCertificate is not a base64 X.509 certificate", e);
        }
    }

    private static void requireRsa(PublicKey key) {
        if (!(key instanceof RSAPublicKey)) {
            throw new IllegalArgumentException(
                    "encryptionCertificate key must be RSA, not " + key.getAlgorithm());
        }
    }
}
