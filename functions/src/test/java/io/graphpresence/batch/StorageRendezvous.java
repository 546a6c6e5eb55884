package io.graphpresence.batch;

import io.graphpresence.store.ClientInterceptors;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds each DynamoDB request until {@code parties} requests are on the wire at once, or a
 * deadline passes: requests that run one after another never meet, so the highest number seen
 * together tells, without timing anything, whether work ran concurrently.
 */
@Singleton
@Requires(property = "presence.test.storage-rendezvous", value = "true")
public class StorageRendezvous implements ExecutionInterceptor, BeanCreatedEventListener<DynamoDbClientBuilder> {

    private final AtomicInteger underWay = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile CountDownLatch meeting = new CountDownLatch(0);

    /** From now on, each request waits (at most two seconds) until {@code parties} are under way. */
    public void expect(int parties) {
        mostAtOnce.set(0);
        meeting = new CountDownLatch(parties);
    }

    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        return ClientInterceptors.add(event.getBean(), this);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        mostAtOnce.accumulateAndGet(underWay.incrementAndGet(), Math::max);
        CountDownLatch current = meeting;
        current.countDown();
        try {
            current.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        underWay.decrementAndGet();
    }
}
