package io.graphpresence.infra;

import java.util.List;
import java.util.Map;

/**
 * The DynamoDB actions each function's code performs, and nothing more: what its role may
 * do on the table. Reads include BatchGetItem because a cross-tenant read loads the
 * tenants' policies in one batch.
 */
public final class FunctionPermissions {

    static final String AUTHORIZER = "io.graphpresence.api.TokenAuthorizerFunction";

    private static final List<String> UPDATE = List.of("dynamodb:UpdateItem");
    private static final List<String> CLAIM_DOMAINS = List.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");

    private static final Map<String, List<String>> ACTIONS = Map.ofEntries(
            Map.entry(AUTHORIZER, List.of("dynamodb:GetItem")),
            Map.entry("io.graphpresence.api.GetPresenceFunction", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem")),
            Map.entry("io.graphpresence.api.GetPresencesByUserIdFunction", List.of("dynamodb:BatchGetItem")),
            Map.entry("io.graphpresence.api.SetPresenceFunction", UPDATE),
            Map.entry("io.graphpresence.api.ClearPresenceFunction", UPDATE),
            Map.entry("io.graphpresence.api.SetUserPreferredPresenceFunction", UPDATE),
            Map.entry("io.graphpresence.api.ClearUserPreferredPresenceFunction", UPDATE),
            Map.entry("io.graphpresence.api.SetStatusMessageFunction", UPDATE),
            Map.entry("io.graphpresence.api.GetMailboxSettingsFunction", List.of("dynamodb:GetItem")),
            // the PATCH answers with the settings it wrote: one write, then one read
            Map.entry("io.graphpresence.api.UpdateMailboxSettingsFunction", List.of("dynamodb:UpdateItem",
                    "dynamodb:GetItem")),
            Map.entry("io.graphpresence.admin.CreateTenantFunction", CLAIM_DOMAINS),
            Map.entry("io.graphpresence.admin.AssignDomainsFunction", CLAIM_DOMAINS),
            Map.entry("io.graphpresence.admin.GetTenantFunction", List.of("dynamodb:GetItem")),
            Map.entry("io.graphpresence.admin.SetExternalAccessFunction", UPDATE),
            Map.entry("io.graphpresence.admin.PutUserFunction", List.of("dynamodb:GetItem", "dynamodb:UpdateItem")),
            Map.entry("io.graphpresence.admin.DeleteUserFunction", List.of("dynamodb:DeleteItem")));

    private FunctionPermissions() {
    }

    /** @throws IllegalArgumentException for a handler nobody has said the needs of */
    public static List<String> of(String handlerClass) {
        List<String> actions = ACTIONS.get(handlerClass);
        if (actions == null) {
            throw new IllegalArgumentException("No DynamoDB permissions are listed for " + handlerClass
                    + ": add them to FunctionPermissions.");
        }
        return actions;
    }
}
