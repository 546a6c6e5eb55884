package io.graphpresence.lambdajson;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.serialization.events.mixins.DynamodbEventMixin;
import com.amazonaws.services.lambda.runtime.serialization.events.mixins.SQSEventMixin;
import com.amazonaws.services.lambda.runtime.serialization.events.mixins.ScheduledEventMixin;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The Lambda event types the deployed functions take and give, and only those: Micronaut
 * Serde's module for Lambda events imports 173 types and their serdes, and every cold start
 * loaded all of them. The mixins are the Lambda runtime's own, so the JSON names (DynamoDB's
 * {@code S}, {@code N}, SQS's {@code eventSourceARN}...) are the runtime's.
 * {@code LambdaEventJsonTest} reads and writes each function's types through this registry.
 */
// the HTTP API's payload 2.0 and the answer to it (every Graph function)
@SerdeImport(APIGatewayV2HTTPEvent.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.Http.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.Authorizer.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.IAM.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class)
@SerdeImport(APIGatewayV2HTTPResponse.class)
// the Lambda authorizer's request and its simple answer
@SerdeImport(APIGatewayV2CustomAuthorizerEvent.class)
@SerdeImport(APIGatewayV2CustomAuthorizerEvent.RequestContext.class)
@SerdeImport(APIGatewayV2CustomAuthorizerEvent.Http.class)
@SerdeImport(SimpleIAMPolicyResponse.class)
// the table's stream and the partial batch answer
@SerdeImport(value = DynamodbEvent.class, mixin = DynamodbEventMixin.class)
@SerdeImport(value = DynamodbEvent.DynamodbStreamRecord.class, mixin = DynamodbEventMixin.DynamodbStreamRecordMixin.class)
@SerdeImport(value = StreamRecord.class, mixin = DynamodbEventMixin.StreamRecordMixin.class)
@SerdeImport(value = AttributeValue.class, mixin = DynamodbEventMixin.AttributeValueMixin.class)
@SerdeImport(Identity.class)
@SerdeImport(StreamsEventResponse.class)
@SerdeImport(StreamsEventResponse.BatchItemFailure.class)
// the timer and fan-out queues and their partial batch answer
@SerdeImport(value = SQSEvent.class, mixin = SQSEventMixin.class)
@SerdeImport(value = SQSEvent.SQSMessage.class, mixin = SQSEventMixin.SQSMessageMixin.class)
@SerdeImport(SQSEvent.MessageAttribute.class)
@SerdeImport(SQSBatchResponse.class)
@SerdeImport(SQSBatchResponse.BatchItemFailure.class)
// the schedule's and the calendar bus's EventBridge events (their time is Joda's: JodaDateTimeSerde)
@SerdeImport(value = ScheduledEvent.class, mixin = ScheduledEventMixin.class)
final class LambdaEventTypes {

    private LambdaEventTypes() {
    }
}
