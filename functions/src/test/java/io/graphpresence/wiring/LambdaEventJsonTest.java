package io.graphpresence.wiring;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.graphpresence.lambdajson.LambdaEventSerializer;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serializer the Lambda runtime finds in the jar knows only the event types listed in
 * io.graphpresence.lambdajson. Every deployed function's input and output must be among them,
 * and each event must read with the JSON names AWS sends.
 */
class LambdaEventJsonTest {

    private final CustomPojoSerializer serializer = ServiceLoader.load(CustomPojoSerializer.class).findFirst()
            .orElseThrow();

    @Test
    void theJarDeclaresTheLimitedSerializer() {
        assertInstanceOf(LambdaEventSerializer.class, serializer);
    }

    @Test
    void everyDeployedFunctionsInputAndOutputRoundTrip() throws Exception {
        for (String handler : DeployedFunctions.handlerClasses(((LambdaEventSerializer) serializer).getJsonMapper())) {
            Type[] types = requestAndResponse(Class.forName(handler));
            for (Type type : types) {
                Object value = ((Class<?>) type).getConstructor().newInstance();
                Object back = read(write(value, type), type);
                assertInstanceOf((Class<?>) type, back, handler + ": " + type);
            }
        }
    }

    @Test
    void anHttpApiEventReadsWithItsAuthorizerContext() {
        APIGatewayV2HTTPEvent event = read("""
                {"version":"2.0","routeKey":"GET /v1.0/me/presence","rawPath":"/v1.0/me/presence","rawQueryString":"",
                 "headers":{"authorization":"Bearer x"},"isBase64Encoded":false,
                 "requestContext":{"requestId":"r-1","http":{"method":"GET","path":"/v1.0/me/presence"},
                   "authorizer":{"lambda":{"tenantId":"t-1","roles":"a b"}}}}""", APIGatewayV2HTTPEvent.class);
        assertEquals("GET", event.getRequestContext().getHttp().getMethod());
        assertEquals("t-1", event.getRequestContext().getAuthorizer().getLambda().get("tenantId"));
        assertEquals("Bearer x", event.getHeaders().get("authorization"));
        String answer = write(APIGatewayV2HTTPResponse.builder().withStatusCode(404).withBody("{}").build(),
                APIGatewayV2HTTPResponse.class);
        assertTrue(answer.contains("\"statusCode\":404"), answer);
    }

    @Test
    void anAuthorizerRequestReadsAndItsAnswerWrites() {
        APIGatewayV2CustomAuthorizerEvent event = read("""
                {"version":"2.0","type":"REQUEST","routeArn":"arn:aws:execute-api:r:1:a/$default/GET/x",
                 "headers":{"authorization":"Bearer t"},"requestContext":{"http":{"method":"GET"}}}""",
                APIGatewayV2CustomAuthorizerEvent.class);
        assertEquals("Bearer t", event.getHeaders().get("authorization"));
        assertEquals("GET", event.getRequestContext().getHttp().getMethod());
        String answer = write(SimpleIAMPolicyResponse.builder().withIsAuthorized(true)
                .withContext(Map.of("tenantId", "t-1")).build(), SimpleIAMPolicyResponse.class);
        assertTrue(answer.contains("\"isAuthorized\":true"), answer);
    }

    @Test
    void aStreamRecordReadsWithDynamoDbsAttributeNames() {
        DynamodbEvent event = read("""
                {"Records":[{"eventID":"e-1","eventName":"MODIFY","eventSource":"aws:dynamodb",
                  "eventSourceARN":"arn:aws:dynamodb:r:1:table/t/stream/s",
                  "dynamodb":{"ApproximateCreationDateTime":1764676800,"SequenceNumber":"42",
                    "Keys":{"pk":{"S":"USER#u"},"sk":{"S":"USER"}},
                    "NewImage":{"pk":{"S":"USER#u"},"version":{"N":"7"},"on":{"BOOL":true}},
                    "StreamViewType":"NEW_AND_OLD_IMAGES"}}]}""", DynamodbEvent.class);
        DynamodbEvent.DynamodbStreamRecord record = event.getRecords().get(0);
        assertEquals("MODIFY", record.getEventName());
        assertEquals("arn:aws:dynamodb:r:1:table/t/stream/s", record.getEventSourceARN());
        assertEquals("42", record.getDynamodb().getSequenceNumber());
        assertEquals("USER#u", record.getDynamodb().getKeys().get("pk").getS());
        assertEquals("7", record.getDynamodb().getNewImage().get("version").getN());
        assertEquals(true, record.getDynamodb().getNewImage().get("on").getBOOL());
        assertEquals(1764676800_000L, record.getDynamodb().getApproximateCreationDateTime().getTime());
        String answer = write(StreamsEventResponse.builder().withBatchItemFailures(List.of(
                StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier("42").build())).build(),
                StreamsEventResponse.class);
        assertTrue(answer.contains("\"itemIdentifier\":\"42\""), answer);
    }

    @Test
    void aQueueMessageReadsWithItsSourceArn() {
        SQSEvent event = read("""
                {"Records":[{"messageId":"m-1","receiptHandle":"h","body":"{\\"user\\":\\"u\\"}",
                  "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:r:1:timers",
                  "attributes":{"ApproximateReceiveCount":"1"},
                  "messageAttributes":{"kind":{"stringValue":"due","dataType":"String"}}}]}""", SQSEvent.class);
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        assertEquals("m-1", message.getMessageId());
        assertEquals("{\"user\":\"u\"}", message.getBody());
        assertEquals("arn:aws:sqs:r:1:timers", message.getEventSourceArn());
        assertEquals("due", message.getMessageAttributes().get("kind").getStringValue());
        String answer = write(SQSBatchResponse.builder().withBatchItemFailures(List.of(
                SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier("m-1").build())).build(),
                SQSBatchResponse.class);
        assertTrue(answer.contains("\"itemIdentifier\":\"m-1\""), answer);
    }

    @Test
    void aScheduledEventReadsItsTime() {
        ScheduledEvent event = read("""
                {"version":"0","id":"i-1","detail-type":"Scheduled Event","source":"aws.events","account":"1",
                 "time":"2026-12-02T12:00:00Z","region":"eu-west-1","resources":["arn:aws:events:r:1:rule/x"],
                 "detail":{}}""", ScheduledEvent.class);
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals(java.time.Instant.parse("2026-12-02T12:00:00Z").toEpochMilli(), event.getTime().getMillis());
        assertTrue(write(event, ScheduledEvent.class).contains("2026-12-02T12:00:00.000Z"));
    }

    /** The event and answer types a handler class declares through MicronautRequestHandler. */
    private static Type[] requestAndResponse(Class<?> handler) {
        for (Class<?> type = handler; type != null; type = type.getSuperclass()) {
            if (type.getGenericSuperclass() instanceof ParameterizedType p && p.getRawType() == MicronautRequestHandler.class) {
                return p.getActualTypeArguments();
            }
        }
        throw new AssertionError(handler + " is no MicronautRequestHandler");
    }

    private <T> T read(String json, Type type) {
        return serializer.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
    }

    private String write(Object value, Type type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out, type);
        return out.toString(StandardCharsets.UTF_8);
    }
}
