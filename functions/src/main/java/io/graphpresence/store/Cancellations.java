package io.graphpresence.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Map;

/** Why DynamoDB cancelled a transaction, write by write, in the order the writes were given. */
final class Cancellations {

    private Cancellations() {
    }

    static boolean conditionFailed(TransactionCanceledException e, int write) {
        List<CancellationReason> reasons = reasons(e);
        return write < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(write).code());
    }

    /** The item as it was, when DynamoDB handed it back for a failed condition. */
    static Map<String, AttributeValue> oldItem(TransactionCanceledException e, int write) {
        return reasons(e).get(write).item();
    }

    static boolean anyCode(TransactionCanceledException e, String code) {
        return reasons(e).stream().anyMatch(r -> code.equals(r.code()));
    }

    /** Throttled, or over the table's throughput: a matter of trying again later. */
    static boolean throttled(TransactionCanceledException e) {
        return reasons(e).stream().anyMatch(r -> r.code() != null
                && (r.code().contains("Throughput") || "ThrottlingError".equals(r.code())));
    }

    private static List<CancellationReason> reasons(TransactionCanceledException e) {
        return e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
    }
}
