package io.graphpresence.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import io.graphpresence.access.InvalidTokenException;
import io.graphpresence.access.TokenVerifier;
import io.graphpresence.observe.RequestLog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The API Gateway (HTTP API) Lambda authorizer, simple responses: a valid token is allowed
 * with its claims in the authorizer context; anything else is refused before any function
 * runs. Its answer depends on the token alone, so API Gateway may cache it by token.
 */
public class TokenAuthorizerFunction
        extends MicronautRequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthorizerFunction.class);

    private final TokenVerifier tokens = getApplicationContext().getBean(TokenVerifier.class);

    public TokenAuthorizerFunction() {
    }

    public TokenAuthorizerFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public SimpleIAMPolicyResponse execute(APIGatewayV2CustomAuthorizerEvent event) {
        Map<String, String> headers = event.getHeaders();
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        // API Gateway gives its authorizer the request's own id: these lines join the request's
        try (RequestLog log = RequestLog.start("Authorize", requestId,
                headers == null ? null : headers.get("client-request-id"))) {
            SimpleIAMPolicyResponse decision = decide(headers, log);
            log.finished(decision.getIsAuthorized() ? 200 : 401);
            return decision;
        }
    }

    private SimpleIAMPolicyResponse decide(Map<String, String> headers, RequestLog log) {
        try {
            var token = tokens.verify(headers == null ? null : headers.get("authorization"));
            log.caller(token.caller().tenantId(), token.caller().appId());
            return SimpleIAMPolicyResponse.builder().withIsAuthorized(true)
                    .withContext(AuthorizerContext.of(token.caller(), token.expiresAt())).build();
        } catch (InvalidTokenException refused) {
            LOG.info("Token refused: {}", refused.getMessage());
            // API Gateway drops the context of a refusal; the local stack shows the reason
            return SimpleIAMPolicyResponse.builder().withIsAuthorized(false)
                    .withContext(Map.of("reason", refused.getMessage())).build();
        }
    }
}
