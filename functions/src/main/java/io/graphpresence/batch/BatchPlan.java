package io.graphpresence.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Graph's rules for a JSON batch's shape: 1 to 20 requests, each with an id of its own, each
 * {@code dependsOn} naming another request of the batch, and no cycle. The plan is an order
 * in which every request comes after the requests it depends on.
 */
public final class BatchPlan {

    public static final int MAX_REQUESTS = 20;

    private BatchPlan() {
    }

    /**
     * @param dependsOn each request's id, in the batch's order, to the ids it depends on
     * @return the ids, each after its dependencies, otherwise in the batch's order
     * @throws InvalidBatchException for a batch Graph refuses whole
     */
    public static List<String> order(LinkedHashMap<String, List<String>> dependsOn, int requestCount) {
        if (requestCount == 0) {
            throw new InvalidBatchException("A batch must contain at least one request.");
        }
        if (requestCount > MAX_REQUESTS) {
            throw new InvalidBatchException("A batch may contain at most " + MAX_REQUESTS + " requests; this one has "
                    + requestCount + ".");
        }
        if (dependsOn.size() < requestCount) {
            throw new InvalidBatchException("Request ids must be unique within a batch.");
        }
        dependsOn.forEach((id, dependencies) -> dependencies.forEach(dependency -> {
            if (!dependsOn.containsKey(dependency)) {
                throw new InvalidBatchException("Request '" + id + "' depends on '" + dependency
                        + "', which is not a request of this batch.");
            }
        }));
        List<String> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        Map<String, Boolean> visiting = new HashMap<>();
        for (String id : dependsOn.keySet()) {
            place(id, dependsOn, placed, visiting, order);
        }
        return order;
    }

    private static void place(String id, Map<String, List<String>> dependsOn, Set<String> placed,
                              Map<String, Boolean> visiting, List<String> order) {
        if (placed.contains(id)) {
            return;
        }
        if (visiting.putIfAbsent(id, true) != null) {
            throw new InvalidBatchException("The dependsOn of request '" + id + "' makes a cycle.");
        }
        for (String dependency : dependsOn.get(id)) {
            place(dependency, dependsOn, placed, visiting, order);
        }
        visiting.remove(id);
        placed.add(id);
        order.add(id);
    }
}
