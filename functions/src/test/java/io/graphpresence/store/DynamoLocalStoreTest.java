package io.graphpresence.store;

import io.graphpresence.local.FunctionHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/** The repository contract on DynamoDB Local, over the real AWS SDK. */
class DynamoLocalStoreTest extends StoreContract {

    private static DynamoDbClient client;

    @BeforeAll
    static void connect() {
        client = clientFor(URI.create(FunctionHarness.sharedDynamo().endpoint()), "us-east-1", "local", "local");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected DynamoDbClient client() {
        return client;
    }
}
