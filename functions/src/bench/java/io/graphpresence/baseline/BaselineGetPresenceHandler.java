package io.graphpresence.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.util.Map;

/**
 * The benchmark's floor for a cold start: no framework, the same SDK client wired by hand,
 * the same GetItem a presence read makes. It belongs to the benchmark, not to the Lambda jar:
 * the benchmark starts it on that jar's classes, so both start from the same bytes, with the
 * Lambda runtime's own event serializers, as a jar without Micronaut's would get.
 */
public class BaselineGetPresenceHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final DynamoDbClient dynamo = client();
    private final String table = System.getenv("PRESENCE_TABLE_NAME");

    private static DynamoDbClient client() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        String endpoint = System.getenv("AWS_SERVICES_DYNAMODB_ENDPOINT_OVERRIDE");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String userId = event.getPathParameters().get("id");
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("USER#" + userId), "sk", AttributeValue.fromS("USER")))).item();
        String availability = item.containsKey("sessions") ? "Offline" : "PresenceUnknown";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withBody("{\"id\":\"" + userId + "\",\"availability\":\"" + availability + "\"}").build();
    }
}
