package io.graphpresence.admin;

import io.graphpresence.api.GraphError;
import io.graphpresence.api.JsonBody;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TokenIssuer;
import io.graphpresence.store.DirectoryStore;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tenants, policies and users as the admin API and the local stack's seed file accept them:
 * both ways into the directory share these rules. A missing property or one of the wrong
 * type is a 400 {@code BadRequest} (from {@link JsonBody}); a value that breaks a rule is a
 * 400 {@code InvalidArgument}. The limits keep every write inside what DynamoDB takes, so bad
 * input never reaches it as a 5xx.
 */
public final class DirectoryInput {

    static final int MAX_TEXT = 256;
    // a tenant item holds its policy list; 1000 names stay far below DynamoDB's 400 KB per item
    static final int MAX_LISTED_DOMAINS = 1000;
    static final int MAX_ISSUERS = 10;
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final Pattern UPN = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private DirectoryInput() {
    }

    /**
     * {@code {displayName, domains?, externalAccess?, issuers?}}.
     *
     * @param defaultName the name when none is given, or null when one is required
     */
    public static Tenant tenant(JsonBody body, String id, String defaultName) {
        String name = defaultName == null ? body.requiredString("displayName") : body.optionalString("displayName");
        List<String> domains = body.optionalStringArray("domains");
        return new Tenant(id, text("displayName", name == null ? defaultName : name),
                verifiedDomains(domains == null ? List.of() : domains),
                externalAccess(body.optionalObject("externalAccess")), issuers(body.optionalObjectArray("issuers")));
    }

    /** {@code {mode, domains?}}; an absent policy means external access off. */
    public static ExternalAccess externalAccess(JsonBody body) {
        if (body == null) {
            return ExternalAccess.DISABLED;
        }
        String mode = body.requiredString("mode");
        ExternalAccess.Mode parsed = Stream.of(ExternalAccess.Mode.values()).filter(m -> m.name().equals(mode))
                .findFirst().orElseThrow(() -> GraphError.invalidArgument("Unknown external access mode '" + mode
                        + "'; use one of disabled, allowAll, allowList, blockList."));
        List<String> listed = body.optionalStringArray("domains");
        return new ExternalAccess(parsed, domains(listed == null ? List.of() : listed, MAX_LISTED_DOMAINS));
    }

    /** A tenant's own domains: at most {@link DirectoryStore#MAX_DOMAINS}. */
    public static List<String> verifiedDomains(List<String> raw) {
        return domains(raw, DirectoryStore.MAX_DOMAINS);
    }

    /** {@code {userPrincipalName, displayName?}}. */
    public static DirectoryUser user(JsonBody body, String userId, String tenantId) {
        String upn = text("userPrincipalName", body.requiredString("userPrincipalName"));
        if (!UPN.matcher(upn).matches()) {
            throw GraphError.invalidArgument("'" + upn + "' is not a user principal name such as adele@contoso.com.");
        }
        String displayName = body.optionalString("displayName");
        return new DirectoryUser(userId, tenantId, upn, displayName == null ? null : text("displayName", displayName));
    }

    /** Host names, lower-cased, each with at least one dot, without duplicates. */
    private static List<String> domains(List<String> raw, int max) {
        List<String> domains = raw.stream().map(DirectoryInput::domain).distinct().toList();
        if (domains.size() > max) {
            throw GraphError.invalidArgument("At most " + max + " domains may be given here.");
        }
        return domains;
    }

    private static String domain(String raw) {
        String domain = raw.toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw GraphError.invalidArgument("'" + raw + "' is not a domain name such as contoso.com.");
        }
        return domain;
    }

    private static List<TokenIssuer> issuers(List<JsonBody> raw) {
        if (raw.size() > MAX_ISSUERS) {
            throw GraphError.invalidArgument("At most " + MAX_ISSUERS + " issuers may be given.");
        }
        List<TokenIssuer> issuers = new ArrayList<>();
        for (JsonBody issuer : raw) {
            issuers.add(new TokenIssuer(text("issuer", issuer.requiredString("issuer")),
                    jwksUrl(issuer.requiredString("jwksUrl"))));
        }
        return issuers;
    }

    /** The authorizer fetches keys from it, so it must be an absolute http(s) URL. */
    private static String jwksUrl(String raw) {
        try {
            URI uri = new URI(raw);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && raw.length() <= 2048) {
                uri.toURL();
                return raw;
            }
        } catch (URISyntaxException | IllegalArgumentException | java.net.MalformedURLException e) {
            // answered below
        }
        throw GraphError.invalidArgument("'" + raw + "' is not an http(s) URL of a JWKS document.");
    }

    private static String text(String name, String value) {
        if (value.isBlank() || value.length() > MAX_TEXT) {
            throw GraphError.invalidArgument("'" + name + "' must be 1 to " + MAX_TEXT + " characters, not blank.");
        }
        return value;
    }
}
