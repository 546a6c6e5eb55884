package io.graphpresence.admin;

import io.graphpresence.directory.DirectoryUser;
import io.graphpresence.directory.Tenant;
import io.graphpresence.directory.TokenIssuer;

import java.util.LinkedHashMap;
import java.util.Map;

/** The admin API's answers: tenants and users as JSON ({@link DirectoryInput} reads requests). */
final class DirectoryJson {

    private DirectoryJson() {
    }

    static Map<String, Object> tenant(Tenant tenant) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", tenant.id());
        json.put("displayName", tenant.displayName());
        json.put("domains", tenant.domains());
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("mode", tenant.externalAccess().mode().name());
        policy.put("domains", tenant.externalAccess().domains());
        json.put("externalAccess", policy);
        json.put("issuers", tenant.issuers().stream().map(DirectoryJson::issuer).toList());
        return json;
    }

    private static Map<String, Object> issuer(TokenIssuer issuer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", issuer.issuer());
        json.put("jwksUrl", issuer.jwksUrl());
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
}
