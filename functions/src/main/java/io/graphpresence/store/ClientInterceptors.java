package io.graphpresence.store;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Adds an interceptor to a DynamoDB client builder, keeping the ones already there:
 * {@code overrideConfiguration(Consumer)} would replace them, and which listener ran last would
 * then decide which counter counts.
 */
public final class ClientInterceptors {

    private ClientInterceptors() {
    }

    public static DynamoDbClientBuilder add(DynamoDbClientBuilder builder, ExecutionInterceptor interceptor) {
        ClientOverrideConfiguration existing = builder.overrideConfiguration();
        ClientOverrideConfiguration.Builder extended = existing == null ? ClientOverrideConfiguration.builder()
                : existing.toBuilder();
        return builder.overrideConfiguration(extended.addExecutionInterceptor(interceptor).build());
    }
}
