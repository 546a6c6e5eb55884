package io.graphpresence.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** DynamoDB Local's stream records, as the batch event Lambda's poller hands to the stream function in AWS. */
final class StreamEvents {

    private StreamEvents() {
    }

    static DynamodbEvent of(List<Record> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(StreamEvents::record).toList());
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord record(Record sdk) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(sdk.eventID());
        record.setEventName(sdk.eventNameAsString());
        record.setEventSource("aws:dynamodb");
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(sdk.dynamodb().sequenceNumber());
        if (sdk.dynamodb().approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(java.util.Date.from(sdk.dynamodb().approximateCreationDateTime()));
        }
        stream.setKeys(image(sdk.dynamodb().keys()));
        stream.setNewImage(sdk.dynamodb().hasNewImage() ? image(sdk.dynamodb().newImage()) : null);
        stream.setOldImage(sdk.dynamodb().hasOldImage() ? image(sdk.dynamodb().oldImage()) : null);
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
        record.setDynamodb(stream);
        return record;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new HashMap<>();
        item.forEach((name, value) -> image.put(name, value(value)));
        return image;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var lambda = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> lambda.setS(v.s());
            case N -> lambda.setN(v.n());
            case BOOL -> lambda.setBOOL(v.bool());
            case M -> lambda.setM(image(v.m()));
            case L -> lambda.setL(v.l().stream().map(StreamEvents::value).toList());
            case SS -> lambda.setSS(v.ss());
            case NS -> lambda.setNS(v.ns());
            default -> lambda.setNULL(true);
        }
        return lambda;
    }
}
