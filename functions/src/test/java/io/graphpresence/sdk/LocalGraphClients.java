package io.graphpresence.sdk;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import io.graphpresence.local.LocalStack;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Graph clients as an app makes them, with only the base URL and the token changed to the local stack's. */
final class LocalGraphClients {

    private LocalGraphClients() {
    }

    /** With an application token of {@code tenantId} holding {@code roles}. */
    static GraphServiceClient application(LocalStack stack, String tenantId, String appId, String... roles) {
        return withToken(stack, stack.tokens().mint(tenantId, appId, null, null, List.of(roles), Duration.ofDays(2)));
    }

    static GraphServiceClient withToken(LocalStack stack, String token) {
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return token;
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return new AllowedHostsValidator("127.0.0.1");
            }
        };
        GraphServiceClient graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens));
        graph.getRequestAdapter().setBaseUrl(stack.baseUrl() + "/v1.0");
        return graph;
    }
}
