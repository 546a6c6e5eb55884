package io.graphpresence.bench;

import io.graphpresence.observe.DynamoUsage;
import io.graphpresence.store.ClientInterceptors;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * What the benchmark's meters share: put into every DynamoDB client a context builds, and
 * only while metering, ask DynamoDB for the capacity each request used and hand the answer on.
 * Outside metering requests are left as they are, so nothing timed pays for it.
 */
abstract class MeteringInterceptor implements ExecutionInterceptor, BeanCreatedEventListener<DynamoDbClientBuilder> {

    protected volatile boolean metering;

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        return ClientInterceptors.add(event.getBean(), this);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return metering ? DynamoUsage.askingForConsumedCapacity(context.request()) : context.request();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (metering) {
            measured(context, attributes);
        }
    }

    /** One request answered while metering. */
    protected abstract void measured(Context.AfterExecution context, ExecutionAttributes attributes);
}
