package io.graphpresence.notify;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/** A subscriber of rich notifications: its key pair, its certificate, and its side of Graph's decryption. */
public final class SubscriberKeys {

    private final KeyPair keys;
    private final X509Certificate certificate;

    private SubscriberKeys(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    public static SubscriberKeys rsa() throws Exception {
        return rsa(2048);
    }

    public static SubscriberKeys rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        KeyPair keys = generator.generateKeyPair();
        return new SubscriberKeys(keys, selfSigned(keys, "SHA256withRSA"));
    }

    /** Valid for 400 days either side of the machine's date, so every test clock (±30 days) finds it valid. */
    public static X509Certificate selfSigned(KeyPair keys, String signatureAlgorithm) throws Exception {
        Instant now = Instant.now();
        return selfSigned(keys, signatureAlgorithm, now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(400)));
    }

    public static X509Certificate selfSigned(KeyPair keys, String signatureAlgorithm, Instant notBefore,
                                             Instant notAfter) throws Exception {
        X500Name subject = new X500Name("CN=graph-presence notification test");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), subject,
                keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** As a subscription's {@code encryptionCertificate}: base64 DER. */
    public String certificateBase64() throws Exception {
        return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }

    /** Graph's "Decrypting resource data" steps; fails if the signature does not match. */
    public String decrypt(Map<String, Object> encryptedContent) throws Exception {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding");
        rsa.init(Cipher.DECRYPT_MODE, keys.getPrivate());
        byte[] key = rsa.doFinal(Base64.getDecoder().decode((String) encryptedContent.get("dataKey")));
        byte[] data = Base64.getDecoder().decode((String) encryptedContent.get("data"));
        Mac mac = Mac.getInstance("HMACSHA256");
        mac.init(new SecretKeySpec(key, "HMACSHA256"));
        if (!MessageDigest.isEqual(mac.doFinal(data),
                Base64.getDecoder().decode((String) encryptedContent.get("dataSignature")))) {
            throw new AssertionError("dataSignature does not match the data");
        }
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5PADDING");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        return new String(aes.doFinal(data), StandardCharsets.UTF_8);
    }
}
