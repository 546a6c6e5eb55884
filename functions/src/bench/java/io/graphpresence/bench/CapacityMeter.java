package io.graphpresence.bench;

import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Asks DynamoDB for the capacity each request consumes (ReturnConsumedCapacity=TOTAL) and
 * adds it up, with the number of requests, for the cost section. It counts only between
 * {@link #reset} and {@link #stop}: while the benchmark times anything it leaves requests as they are.
 */
@Singleton
class CapacityMeter extends MeteringInterceptor {

    private final AtomicInteger requests = new AtomicInteger();
    private final DoubleAdder read = new DoubleAdder();
    private final DoubleAdder write = new DoubleAdder();

    @Override
    protected void measured(Context.AfterExecution context, ExecutionAttributes attributes) {
        requests.incrementAndGet();
        Object response = context.response();
        if (response instanceof GetItemResponse get) {
            add(List.of(get.consumedCapacity()));
        } else if (response instanceof BatchGetItemResponse batch && batch.hasConsumedCapacity()) {
            add(batch.consumedCapacity());
        } else if (response instanceof UpdateItemResponse update) {
            add(List.of(update.consumedCapacity()));
        }
    }

    private void add(List<ConsumedCapacity> consumed) {
        for (ConsumedCapacity c : consumed) {
            if (c == null) {
                continue;
            }
            // DynamoDB Local reports the total only; reads and writes never mix in one request
            double units = c.capacityUnits() == null ? 0 : c.capacityUnits();
            if (c.readCapacityUnits() != null || c.writeCapacityUnits() != null) {
                read.add(c.readCapacityUnits() == null ? 0 : c.readCapacityUnits());
                write.add(c.writeCapacityUnits() == null ? 0 : c.writeCapacityUnits());
            } else if (isWrite) {
                write.add(units);
            } else {
                read.add(units);
            }
        }
    }

    private volatile boolean isWrite;

    /** Starts a count for one operation. */
    void reset(boolean writes) {
        requests.set(0);
        read.reset();
        write.reset();
        isWrite = writes;
        metering = true;
    }

    /** Ends the count: requests pass untouched until the next {@link #reset}. */
    void stop() {
        metering = false;
    }

    int requests() {
        return requests.get();
    }

    double readCapacity() {
        return read.sum();
    }

    double writeCapacity() {
        return write.sum();
    }
}
