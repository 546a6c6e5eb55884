package io.graphpresence.wiring;

import io.graphpresence.store.DynamoPresenceRepository;
import io.graphpresence.store.PresenceRepository;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The repository on the table the function's settings name. */
@Factory
public class RepositoryFactory {

    @Singleton
    PresenceRepository presenceRepository(DynamoDbClient dynamo, PresenceSettings settings) {
        return new DynamoPresenceRepository(dynamo, settings.tableName());
    }
}
