package io.graphpresence.directory;

/**
 * An identity provider whose tokens a tenant accepts: Entra-style
 * ({@code https://login.microsoftonline.com/{tid}/v2.0}) or any OIDC issuer, with the URL of
 * its signing keys.
 */
public record TokenIssuer(String issuer, String jwksUrl) {
}
