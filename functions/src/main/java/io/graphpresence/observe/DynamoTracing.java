package io.graphpresence.observe;

import io.graphpresence.store.ClientInterceptors;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Each DynamoDB call as an X-Ray subsegment ("DynamoDB", its operation and table), retries
 * included in its time. Added to the DynamoDB client only when {@link Subsegments} records,
 * so a function that is not traced runs no code of it.
 */
@Singleton
public final class DynamoTracing implements ExecutionInterceptor, BeanCreatedEventListener<DynamoDbClientBuilder> {

    private static final ExecutionAttribute<Subsegments.Call> CALL = new ExecutionAttribute<>("xray-subsegment");

    private final Subsegments subsegments;

    public DynamoTracing(Subsegments subsegments) {
        this.subsegments = subsegments;
    }

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        return subsegments.on() ? ClientInterceptors.add(event.getBean(), this) : event.getBean();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(CALL, subsegments.start("DynamoDB"));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        ended(context.request().getValueForField("TableName", String.class).orElse(null),
                context.httpResponse().statusCode(), attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        ended(context.request().getValueForField("TableName", String.class).orElse(null),
                context.httpResponse().map(SdkHttpResponse::statusCode).orElse(0), attributes);
    }

    private static void ended(String tableName, int status, ExecutionAttributes attributes) {
        Subsegments.Call call = attributes.getAttribute(CALL);
        if (call != null) {
            call.awsCall(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), tableName, status);
        }
    }
}
