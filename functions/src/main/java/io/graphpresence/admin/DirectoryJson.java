package io.graphpresence.admin;

import io.graphpresence.api.GraphError;
import io.graphpresence.api.JsonBody;
import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.Tenant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The admin API's JSON: tenants, policies and users, read with Graph-style 400s for bad input. */
final class DirectoryJson {

    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private DirectoryJson() {
    }

    static Map<String, Object> tenant(Tenant tenant) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", tenant.id());
        json.put("displayName", tenant.displayName());
        json.put("domains", tenant.domains());
        json.put("externalAccess", Map.of("mode", tenant.externalAccess().mode().name(),
                "domains", tenant.externalAccess().domains()));
        json.put("issuers", tenant.issuers().stream()
                .map(i -> Map.of("issuer", i.issuer(), "jwksUrl", i.jwksUrl())).toList());
        return json;
    }

    static Map<String, Object> user(DirectoryUser user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("tenantId", user.tenantId());
        json.put("userPrincipalName", user.userPrincipalName());
        json.put("displayName", user.displayName());
        return json;
    }

    /** {@code {"mode": ..., "domains": [...]}}; absent means external access off. */
    static ExternalAccess externalAccess(JsonBody body) {
        if (body == null) {
            return ExternalAccess.DISABLED;
        }
        String mode = body.requiredString("mode");
        ExternalAccess.Mode parsed = Stream.of(ExternalAccess.Mode.values())
                .filter(m -> m.name().equalsIgnoreCase(mode)).findFirst()
                .orElseThrow(() -> GraphError.invalidArgument("Unknown external access mode '" + mode
                        + "'; use one of disabled, allowAll, allowList, blockList."));
        List<String> domains = body.optionalStringArray("domains");
        return new ExternalAccess(parsed, domains(domains == null ? List.of() : domains));
    }

    /** Host names in lower case, each with at least one dot, no duplicates. */
    static List<String> domains(List<String> raw) {
        return raw.stream().map(d -> {
            String domain = d.trim().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                throw GraphError.invalidArgument("'" + d + "' is not a domain name such as contoso.com.");
            }
            return domain;
        }).distinct().collect(Collectors.toList());
    }
}
