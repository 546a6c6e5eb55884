package io.graphpresence.directory;

/** A write aimed at a user of another tenant. */
public class OtherTenantException extends RuntimeException {
    public OtherTenantException(String userId) {
        super("User '" + userId + "' belongs to another tenant; writes only reach users of the caller's tenant.");
    }
}
