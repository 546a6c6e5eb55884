package io.graphpresence.local;

import io.graphpresence.store.AllStores;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/** The running local stack's table, read and written directly: what a test sets up behind the API's back. */
public final class StackRepository implements AutoCloseable {

    private final DynamoDbClient dynamo;
    private final AllStores repository;

    public StackRepository(LocalStack stack) {
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create(stack.dynamoEndpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        repository = AllStores.over(dynamo, LocalStack.TABLE);
    }

    public AllStores repository() {
        return repository;
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
