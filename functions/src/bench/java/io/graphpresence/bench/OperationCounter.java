package io.graphpresence.bench;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts DynamoDB requests by operation (Query, UpdateItem, ...), next to {@link CapacityMeter}'s
 * total, for the schedule's cost. A request DynamoDB refuses (a failed condition) is counted too:
 * it is billed like one that succeeds.
 */
@Singleton
class OperationCounter implements ExecutionInterceptor, BeanCreatedEventListener<DynamoDbClientBuilder> {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        return io.graphpresence.store.ClientInterceptors.add(event.getBean(), this);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes);
    }

    private void count(ExecutionAttributes attributes) {
        if (!counting) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(operation == null ? "unknown" : operation, o -> new LongAdder()).increment();
    }

    private volatile boolean counting;

    /** Starts a count; nothing is counted before the first. */
    void reset() {
        counts.clear();
        counting = true;
    }

    /** Requests by operation since the last reset, sorted by name. */
    Map<String, Long> byOperation() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((operation, n) -> snapshot.put(operation, n.sum()));
        return snapshot;
    }
}
