package io.graphpresence.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The repository contract on LocalStack's DynamoDB, for machines with a Docker engine.
 * Without one (as here and in CI) JUnit reports it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackStoreTest extends StoreContract {

    @Container
    private static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
                    .withServices(LocalStackContainer.Service.DYNAMODB);

    private static DynamoDbClient client;

    @BeforeAll
    static void connect() {
        client = clientFor(LOCALSTACK.getEndpoint(), LOCALSTACK.getRegion(), LOCALSTACK.getAccessKey(),
                LOCALSTACK.getSecretKey());
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
