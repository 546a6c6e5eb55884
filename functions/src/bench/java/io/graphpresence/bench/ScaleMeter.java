package io.graphpresence.bench;

import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * For the capacity model: each DynamoDB request while metering, with the partition keys it
 * names and the capacity DynamoDB (Local) says it consumed. The request count itself comes from
 * the cost tests' {@code store.RequestCounter}; this adds what that one does not see.
 */
@Singleton
class ScaleMeter extends MeteringInterceptor {

    /** One request: its operation, the partition keys it names (a query's {@code :pk}), its units. */
    record Request(String operation, List<String> keys, String index, double readUnits, double writeUnits) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    @Override
    protected void measured(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        Object response = context.response();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        boolean write = operation.contains("Put") || operation.contains("Update") || operation.contains("Delete")
                || operation.contains("Write");
        double units = units(response);
        String index = r instanceof QueryRequest q ? q.indexName() : null;
        requests.add(new Request(operation, keys(r), index, write ? 0 : units, write ? units : 0));
    }

    /** The partition keys a request names, as the store's key functions wrote them. */
    private static List<String> keys(SdkRequest r) {
        List<String> keys = new ArrayList<>();
        if (r instanceof GetItemRequest x) {
            keys.add(pk(x.key()));
        } else if (r instanceof UpdateItemRequest x) {
            keys.add(pk(x.key()));
        } else if (r instanceof DeleteItemRequest x) {
            keys.add(pk(x.key()));
        } else if (r instanceof PutItemRequest x) {
            keys.add(pk(x.item()));
        } else if (r instanceof BatchGetItemRequest x) {
            x.requestItems().values().forEach(k -> k.keys().forEach(key -> keys.add(pk(key))));
        } else if (r instanceof BatchWriteItemRequest x) {
            x.requestItems().values().forEach(ws -> ws.forEach(w -> keys.add(w.putRequest() != null
                    ? pk(w.putRequest().item()) : pk(w.deleteRequest().key()))));
        } else if (r instanceof TransactWriteItemsRequest x) {
            x.transactItems().forEach(t -> keys.add(t.put() != null ? pk(t.put().item()) : t.update() != null
                    ? pk(t.update().key()) : t.delete() != null ? pk(t.delete().key()) : pk(t.conditionCheck().key())));
        } else if (r instanceof QueryRequest x) {
            // the partition key's value: the store names it :pk, the due index :shard
            x.expressionAttributeValues().entrySet().stream()
                    .filter(e -> e.getKey().equals(":pk") || e.getKey().equals(":shard"))
                    .forEach(e -> keys.add(e.getValue().s()));
        }
        return keys;
    }

    private static String pk(Map<String, AttributeValue> key) {
        AttributeValue pk = key.get(io.graphpresence.store.TableLayout.PARTITION_KEY);
        return pk == null ? "?" : pk.s();
    }

    private static double units(Object response) {
        List<ConsumedCapacity> consumed = new ArrayList<>();
        if (response instanceof GetItemResponse x) {
            consumed.add(x.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse x && x.hasConsumedCapacity()) {
            consumed.addAll(x.consumedCapacity());
        } else if (response instanceof QueryResponse x) {
            consumed.add(x.consumedCapacity());
        } else if (response instanceof UpdateItemResponse x) {
            consumed.add(x.consumedCapacity());
        } else if (response instanceof PutItemResponse x) {
            consumed.add(x.consumedCapacity());
        } else if (response instanceof DeleteItemResponse x) {
            consumed.add(x.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse x && x.hasConsumedCapacity()) {
            consumed.addAll(x.consumedCapacity());
        } else if (response instanceof TransactWriteItemsResponse x && x.hasConsumedCapacity()) {
            consumed.addAll(x.consumedCapacity());
        }
        return consumed.stream().filter(c -> c != null && c.capacityUnits() != null)
                .mapToDouble(ConsumedCapacity::capacityUnits).sum();
    }

    /** Starts a count; requests before it are forgotten. */
    void reset() {
        requests.clear();
        metering = true;
    }

    /** The requests since {@link #reset}; metering goes on. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    void stop() {
        metering = false;
    }
}
