package io.graphpresence.wiring;

import io.graphpresence.store.TableAccess;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one table every store works on: the one the function's settings name; closed with the context. */
@Factory
public class TableAccessFactory {

    @Singleton
    @Bean(preDestroy = "close")
    TableAccess tableAccess(DynamoDbClient dynamo, PresenceSettings settings) {
        return new TableAccess(dynamo, settings.tableName());
    }
}
