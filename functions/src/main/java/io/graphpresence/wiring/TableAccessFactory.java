package io.graphpresence.wiring;

import io.graphpresence.store.DueIndex;
import io.graphpresence.store.TableAccess;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one table every store works on: the one the function's settings name, with its due
 * index spread over {@code presence.due.shards} shards (docs/settings.md). Every function of a
 * deployment must be given the same count, or raise it only: the sweep reads the shards below
 * the count it is given. Closed with the context.
 */
@Factory
public class TableAccessFactory {

    @Singleton
    @Bean(preDestroy = "close")
    TableAccess tableAccess(DynamoDbClient dynamo, PresenceSettings settings,
                            @Value("${presence.due.shards:" + DueIndex.DEFAULT_SHARDS + "}") int dueShards) {
        return new TableAccess(dynamo, settings.tableName(), dueShards);
    }
}
