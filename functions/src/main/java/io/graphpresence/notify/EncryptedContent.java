package io.graphpresence.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code encryptedContent} object of a Graph change notification that includes resource data
 * (Graph's {@code changeNotificationEncryptedContent} resource type).
 *
 * @param data                            base64 AES-CBC ciphertext of the resource JSON
 * @param dataSignature                   base64 HMAC-SHA256 of the ciphertext, keyed with the AES key
 * @param dataKey                         base64 RSA-OAEP (SHA-1) encryption of the AES key
 * @param encryptionCertificateId         the subscriber's own certificate identifier, echoed back
 * @param encryptionCertificateThumbprint SHA-1 thumbprint of the certificate, upper-case hex
 */
public record EncryptedContent(
        String data,
        String dataSignature,
        String dataKey,
        String encryptionCertificateId,
        String encryptionCertificateThumbprint) {

    /** The object as Graph serialises it; insertion order kept so payloads read like Graph's. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", data);
        json.put("dataSignature", dataSignature);
        json.put("dataKey", dataKey);
        json.put("encryptionCertificateId", encryptionCertificateId);
        json.put("encryptionCertificateThumbprint", encryptionCertificateThumbprint);
        return json;
    }
}
