package io.graphpresence.observe;

import io.graphpresence.store.ClientInterceptors;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.List;

/**
 * What a request asks of DynamoDB: the requests that went over the wire (retries included)
 * and the capacity they consumed, which DynamoDB reports when asked (ReturnConsumedCapacity,
 * at no charge). The DynamoDB client is synchronous, so its interceptors run on the thread
 * that made the call: the tally is the calling thread's. Work a request hands to another
 * thread is not counted for it.
 */
@Singleton
public final class DynamoUsage implements ExecutionInterceptor, BeanCreatedEventListener<DynamoDbClientBuilder> {

    private static final ThreadLocal<Tally> CURRENT = new ThreadLocal<>();

    /** One request's counts, from {@link #start} until {@link #stop}. */
    public static final class Tally {
        private final Tally outer;
        private int requests;
        private double capacityUnits;

        private Tally(Tally outer) {
            this.outer = outer;
        }

        public int requests() {
            return requests;
        }

        public double capacityUnits() {
            return capacityUnits;
        }

        /** Stops counting here; a nested request's use still counts for the one around it. */
        public void stop() {
            if (outer == null) {
                CURRENT.remove();
                return;
            }
            CURRENT.set(outer);
            outer.requests += requests;
            outer.capacityUnits += capacityUnits;
        }
    }

    /** Starts counting what this thread asks of DynamoDB. */
    public static Tally start() {
        Tally tally = new Tally(CURRENT.get());
        CURRENT.set(tally);
        return tally;
    }

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        return ClientInterceptors.add(event.getBean(), this);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return askingForConsumedCapacity(context.request());
    }

    /** The same request, asking DynamoDB to say the capacity it used (which costs nothing). */
    public static SdkRequest askingForConsumedCapacity(SdkRequest request) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof ScanRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactWriteItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactGetItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Tally tally = CURRENT.get();
        if (tally != null) {
            tally.requests++;
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Tally tally = CURRENT.get();
        if (tally != null) {
            tally.capacityUnits += consumed(context.response());
        }
    }

    /** A single-item call reports one ConsumedCapacity, a batch or transaction a list of them. */
    private static double consumed(SdkResponse response) {
        Object reported = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
        if (reported instanceof ConsumedCapacity one) {
            return units(one);
        }
        if (reported instanceof List<?> many) {
            return many.stream().filter(ConsumedCapacity.class::isInstance)
                    .mapToDouble(c -> units((ConsumedCapacity) c)).sum();
        }
        return 0;
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }
}
