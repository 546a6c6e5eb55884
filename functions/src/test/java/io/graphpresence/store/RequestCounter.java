package io.graphpresence.store;

import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts the DynamoDB requests that go over the wire (retries included), by operation name,
 * so that tests can hold each operation to its cost.
 */
@Singleton
public class RequestCounter implements ExecutionInterceptor {

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    public void reset() {
        sent.clear();
    }

    public List<String> sent() {
        return List.copyOf(sent);
    }
}
