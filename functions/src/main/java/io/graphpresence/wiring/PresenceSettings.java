package io.graphpresence.wiring;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The settings a deployed function cannot do without (docs/settings.md), read once when the
 * function starts. A missing one stops the start with a message naming its environment
 * variable and property; nothing falls back to a default, so a function never runs against a
 * table or an issuer nobody chose. In AWS the environment variables come from the CDK stack;
 * the local stack and the tests set the properties themselves.
 */
@Singleton
public final class PresenceSettings {

    static final String TABLE_NAME = "presence.table.name";
    static final String ISSUER = "presence.auth.issuer";
    static final String AUDIENCE = "presence.auth.audience";
    static final String JWKS_URL = "presence.auth.jwks-url";
    static final String JWKS = "presence.auth.jwks";

    private final String tableName;
    private final String issuer;
    private final String audience;
    private final String jwksUrl;
    private final String jwks;

    PresenceSettings(PropertyResolver properties) {
        tableName = required(properties, TABLE_NAME, "the DynamoDB table every function reads and writes");
        issuer = required(properties, ISSUER, "the platform's token issuer");
        audience = required(properties, AUDIENCE, "the audience every token must carry");
        jwksUrl = optional(properties, JWKS_URL).orElse(null);
        jwks = optional(properties, JWKS).orElse(null);
        if (jwksUrl == null && jwks == null) {
            throw new ConfigurationException("Missing setting " + environmentVariable(JWKS_URL) + " (property "
                    + JWKS_URL + "), or " + environmentVariable(JWKS) + " (property " + JWKS + ") with the keys"
                    + " inline: where the platform issuer's signing keys are. See docs/settings.md.");
        }
    }

    public String tableName() {
        return tableName;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** The platform issuer's JWKS URL, or null when its keys are inline ({@link #jwks()}). */
    public String jwksUrl() {
        return jwksUrl;
    }

    /** The platform issuer's keys as a JWK set, or null when they are at {@link #jwksUrl()}. */
    public String jwks() {
        return jwks;
    }

    /** How the environment spells a property: PRESENCE_TABLE_NAME for presence.table.name. */
    static String environmentVariable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase();
    }

    private static String required(PropertyResolver properties, String property, String what) {
        return optional(properties, property).orElseThrow(() -> new ConfigurationException("Missing setting "
                + environmentVariable(property) + " (property " + property + "): " + what
                + ". See docs/settings.md."));
    }

    private static Optional<String> optional(PropertyResolver properties, String property) {
        return properties.getProperty(property, String.class).map(String::trim).filter(value -> !value.isEmpty());
    }
}
