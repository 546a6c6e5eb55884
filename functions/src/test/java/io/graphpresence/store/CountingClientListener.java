package io.graphpresence.store;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Puts the {@link RequestCounter} into the DynamoDB client every test context builds. */
@Singleton
public class CountingClientListener implements BeanCreatedEventListener<DynamoDbClientBuilder> {

    private final RequestCounter counter;

    public CountingClientListener(RequestCounter counter) {
        this.counter = counter;
    }

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        return ClientInterceptors.add(event.getBean(), counter);
    }
}
