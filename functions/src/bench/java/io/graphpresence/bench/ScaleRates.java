package io.graphpresence.bench;

import io.graphpresence.delivery.ChangeDispatcher;
import io.graphpresence.delivery.FanOutBatch;
import io.graphpresence.queues.MessageBatches;
import io.graphpresence.store.SubscriptionKey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One row of the capacity model: the peak hour of {@code users} users, in rates a second. */
final class ScaleRates {

    private static final double SECONDS_PER_MONTH = 730 * 3600.0;

    /** Load on one key: requests, write units and read units a second. */
    record KeyLoad(String key, double requests, double writeUnits, double readUnits) {

        double utilisation(Costs c) {
            return Math.max(writeUnits / c.partitionWrites, readUnits / c.partitionReads);
        }

        Map<String, Object> json() {
            return WarmBench.row("key", key, "requestsPerSecond", r(requests), "writeUnitsPerSecond", r(writeUnits),
                    "readUnitsPerSecond", r(readUnits));
        }
    }

    /** One kind of invocation at its largest: items handled, requests made (DynamoDB and POSTs), seconds taken. */
    record Invocation(String name, double items, double requests, double seconds) {
    }

    private final Map<String, Object> w;
    private final Costs c;
    private final long users;
    private final double online;
    private final double refreshes;
    private final double visible;
    private final double hotChanges;
    private final double singleReads;
    private final double crossReads;
    private final double batchReads;
    private final double events;
    private final double timeDriven;
    private final double deliveries;

    ScaleRates(Map<String, Object> workload, Costs costs, long users) {
        this.w = workload;
        this.c = costs;
        this.users = users;
        Map<String, Object> hot = map(w, "hotUser");
        double workingSeconds = num(w, "workingHoursPerDay") * 3600;
        online = users * num(w, "onlineShareAtPeak");
        double sessions = online * num(w, "sessionsPerOnlineUser");
        refreshes = sessions / num(w, "refreshIntervalSeconds");
        visible = online * num(w, "visibleChangesPerOnlineUserHour") / 3600;
        hotChanges = num(hot, "visibleChangesPerHour") / 3600;
        singleReads = online * num(w, "readsPerUserHourSingle") / 3600;
        crossReads = singleReads * num(w, "crossTenantReaderShare") * num(w, "crossTenantShareOfTheirReads");
        batchReads = online * num(w, "readsPerUserHourBatch") / 3600;
        events = users * num(w, "calendarEventsPerUserPerDay") / workingSeconds;
        // a meeting's start and end, and each session's end once a working day
        timeDriven = 2 * events + sessions / workingSeconds;
        deliveries = visible * c.averageWatchers + hotChanges * num(hot, "subscriptions");
    }

    Map<String, Object> row() {
        KeyLoad table = hottestTableKey();
        DueKeyLoad.Load due = DueKeyLoad.hottest(c.dueShards, refreshes, c.refreshMovesDue, c.refresh, c.dueAfter, events,
                timeDriven);
        KeyLoad dueKey = new KeyLoad("due:" + due.key(), due.writesPerSecond(), due.writesPerSecond(),
                timeDriven * c.dueQueryReadUnitsPerItem);
        KeyLoad hottest = table.utilisation(c) >= dueKey.utilisation(c) ? table : dueKey;
        List<Invocation> invocations = invocations();
        Invocation items = invocations.stream().max(Comparator.comparingDouble(Invocation::items)).orElseThrow();
        Invocation seconds = invocations.stream().max(Comparator.comparingDouble(Invocation::seconds)).orElseThrow();
        Invocation requests = invocations.stream().max(Comparator.comparingDouble(Invocation::requests)).orElseThrow();
        double concurrency = lambdaSeconds();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("users", users);
        row.put("hottestKeyWriteUnitsPerSecond", r(hottest.writeUnits()));
        row.put("hottestKeyReadUnitsPerSecond", r(hottest.readUnits()));
        row.put("hottestKey", hottest.key());
        row.put("maxInvocationItems", Math.round(items.items()));
        row.put("maxInvocationSeconds", r(seconds.seconds()));
        row.put("lambdaConcurrency", Math.round(Math.ceil(concurrency)));
        row.put("monthlyCostUsd", Math.round(monthlyCost(concurrency)));
        row.put("requestsPerSecond", r(total("requests")));
        row.put("writeUnitsPerSecond", r(total("writeUnits") + indexWrites()));
        row.put("readUnitsPerSecond", r(total("readUnits")));
        row.put("streamRecordsPerSecond", r(total("streamRecords")));
        row.put("table", table.json());
        row.put("dueIndex", dueKey.json());
        row.put("largestInvocationByItems", items.name());
        row.put("largestInvocationBySeconds", seconds.name());
        row.put("maxInvocationRequests", Math.round(requests.requests()));
        row.put("largestInvocationByRequests", requests.name());
        row.put("ratesPerSecond", WarmBench.row("refreshes", r(refreshes), "visibleChanges", r(visible),
                "singleReads", r(singleReads), "crossTenantReads", r(crossReads), "batchReads", r(batchReads),
                "eventsCreated", r(events), "timeDrivenChanges", r(timeDriven), "deliveries", r(deliveries)));
        return row;
    }

    /** Every measured figure of every operation, times its rate; a visible change with its average watchers. */
    private double total(String figure) {
        double visibleEach = c.base(figure) + c.averageWatchers * c.perWatcher(figure);
        double hotEach = c.base(figure) + num(map(w, "hotUser"), "subscriptions") * c.perWatcher(figure);
        return refreshes * c.op("refresh", figure) + visible * visibleEach + hotChanges * hotEach
                + singleReads * c.op("getPresence", figure) + crossReads * c.op("getPresenceCrossTenantNext", figure)
                + batchReads * c.op("getPresencesByUserId100", figure) + events * c.op("createEvent", figure)
                + timeDriven * c.op("scheduleRunPerDueUser", figure);
    }

    /** Index writes (KEYS_ONLY, under 1 KB: one unit each), by DynamoDB's rule for a moved key. */
    private double indexWrites() {
        return refreshes * (c.refreshMovesDue ? 2 : 0) + events + 2 * timeDriven;
    }

    private KeyLoad hottestTableKey() {
        Map<String, Object> hot = map(w, "hotUser");
        double perUserRefreshes = num(w, "sessionsPerOnlineUser") / num(w, "refreshIntervalSeconds");
        Map<String, Double> userKey = c.key("refresh", "USER#{user}");
        Map<String, Double> readKey = c.key("getPresence", "USER#{user}");
        double hotReads = num(hot, "readsPerHour") / 3600;
        List<KeyLoad> keys = new ArrayList<>();
        keys.add(new KeyLoad("USER#{the most read user}", perUserRefreshes * userKey.get("requests")
                + hotReads * readKey.get("requests"), perUserRefreshes * userKey.get("writeUnits"),
                hotReads * readKey.get("readUnits")));
        keys.add(tenantKey());
        double subscriptions = num(hot, "subscriptions");
        keys.add(new KeyLoad("WATCH#{the most watched user}", hotChanges * c.watchQueries(subscriptions), 0,
                hotChanges * subscriptions * c.watchReadUnits));
        double perApp = Math.min(subscriptions, c.subscriptionsPerApp);
        keys.add(new KeyLoad("APP#{tenant}#{app watching the most watched user}", hotChanges * perApp / 100, 0,
                hotChanges * perApp * c.subscriptionReadUnits));
        return keys.stream().max(Comparator.comparingDouble(k -> k.utilisation(c))).orElseThrow();
    }

    /** The largest tenant's item: each cross-tenant read loads it, unless the instance's tenant cache holds it. */
    private KeyLoad tenantKey() {
        Map<String, Object> largest = map(w, "largestTenant");
        double share = Math.min(num(largest, "share"), num(largest, "maxUsers") / users);
        double uncached = crossReads * 2 * share;
        double instances = Math.max(1, Math.ceil(apiSeconds(crossReads + singleReads + batchReads)));
        double cached = Math.min(uncached, instances / c.tenantCacheSeconds);
        return new KeyLoad("TENANT#{largest tenant}", cached, 0, cached * c.tenantReadUnits);
    }

    private List<Invocation> invocations() {
        Map<String, Object> d = map(w, "design");
        Map<String, Object> aws = map(w, "aws");
        List<Invocation> all = new ArrayList<>();
        double batch = num(aws, "streamBatchSize");
        double hot = num(map(w, "hotUser"), "subscriptions");
        // the worst stream batch: its records, the notifications it posts itself (every endpoint
        // hanging), and the split of a change of the most watched user into queued batches
        Map<String, Object> split = c.fanOutParts(hot);
        all.add(new Invocation("stream consumer batch", batch + FanOutBatch.INLINE_MAX,
                batch * c.consumerRequestsPerRecord + FanOutBatch.INLINE_MAX + num(split, "splitRequests"),
                batch * c.consumerRequestsPerRecord * c.dynamoSeconds + c.worstPostSeconds(FanOutBatch.INLINE_MAX)
                        + num(split, "watchReadSeconds") + num(split, "enqueueSeconds")));
        // a fan-out batch: its user (one read), its subscriptions (a BatchGetItem a hundred), its POSTs
        double fanOut = FanOutBatch.BATCH;
        all.add(new Invocation("fan-out batch", fanOut, 1 + Math.ceil(fanOut / 100) + fanOut,
                c.worstPostSeconds(FanOutBatch.BATCH)));
        double due = Math.min(timeDriven * num(aws, "sweepIntervalSeconds"), num(d, "scheduleWorkerBatch"));
        double perDue = c.op("scheduleRunPerDueUser", "callRequests");
        all.add(new Invocation("schedule worker", due, due * perDue, due * perDue * c.dynamoSeconds));
        all.add(new Invocation("getPresencesByUserId of 650 ids", 650, 7, 7 * c.dynamoSeconds));
        return all;
    }

    /** Lambda seconds a second, which is the concurrency needed. */
    private double lambdaSeconds() {
        double api = apiSeconds(refreshes + visible + singleReads + batchReads + events);
        double consumer = total("streamRecords") * c.consumerRequestsPerRecord * c.dynamoSeconds;
        double delivery = deliveries * c.perDeliverySeconds;
        double timers = timeDriven * (c.op("scheduleRunPerDueUser", "callRequests") * c.dynamoSeconds + c.overheadSeconds);
        return api + consumer + delivery + timers;
    }

    /** Each call runs the authorizer and the function; a call is about two DynamoDB round trips at most. */
    private double apiSeconds(double calls) {
        return calls * (2 * c.overheadSeconds + 2 * c.dynamoSeconds);
    }

    private double monthlyCost(double concurrency) {
        Map<String, Object> p = map(w, "prices");
        double seconds = SECONDS_PER_MONTH * num(w, "averageToPeak");
        double calls = refreshes + visible + singleReads + batchReads + events;
        double dynamo = (total("writeUnits") + indexWrites()) * num(p, "dynamoWritePerMillion") / 1e6
                + total("readUnits") * num(p, "dynamoReadPerMillion") / 1e6;
        double deliveryMessages = hotChanges * num(c.fanOutParts(num(map(w, "hotUser"), "subscriptions")), "messages");
        double invocations = 2 * calls + total("streamRecords") / 10 + deliveryMessages + timeDriven;
        double lambda = invocations * num(p, "lambdaPerMillionRequests") / 1e6
                + concurrency * num(map(w, "aws"), "lambdaMemoryMb") / 1024 * num(p, "lambdaPerGbSecond");
        // a timer and a delivery message are each sent, received and deleted
        double sqs = 3 * (timeDriven + deliveryMessages) * num(p, "sqsPerMillionRequests") / 1e6;
        double api = calls * num(p, "httpApiPerMillionRequests") / 1e6;
        double storage = users * 2.0 / 1024 / 1024 * num(p, "dynamoStorageGbMonth");
        return (dynamo + lambda + sqs + api) * seconds + storage;
    }

    /** The limits of issue 16, each true when this row keeps it. */
    static Map<String, Boolean> checks(Map<String, Object> row, Costs c) {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        utilisation(row, c).forEach((limit, u) -> checks.put(limit, u <= 1.0));
        return checks;
    }

    /** Each limit's load against it: 1.0 is at the limit. */
    @SuppressWarnings("unchecked")
    static Map<String, Double> utilisation(Map<String, Object> row, Costs c) {
        Map<String, Object> table = (Map<String, Object>) row.get("table");
        Map<String, Object> due = (Map<String, Object>) row.get("dueIndex");
        Map<String, Double> u = new LinkedHashMap<>();
        u.put("table key write units <= 1000/s", num(table, "writeUnitsPerSecond") / c.partitionWrites);
        u.put("table key read units <= 3000/s", num(table, "readUnitsPerSecond") / c.partitionReads);
        u.put("due index key write units <= 1000/s", num(due, "writeUnitsPerSecond") / c.partitionWrites);
        u.put("due index key read units <= 3000/s", num(due, "readUnitsPerSecond") / c.partitionReads);
        u.put("invocation items <= " + (long) c.maxItems, num(row, "maxInvocationItems") / c.maxItems);
        u.put("invocation seconds <= " + (long) c.maxSeconds, num(row, "maxInvocationSeconds") / c.maxSeconds);
        u.replaceAll((k, v) -> ScaleBench.round(v));
        return u;
    }

    /** The row against the account's default quotas: above 1.0, a quota to raise before that size. */
    static Map<String, Double> quotaUtilisation(Map<String, Object> row, Map<String, Object> workload) {
        Map<String, Object> q = map(map(workload, "aws"), "quotas");
        Map<String, Double> u = new LinkedHashMap<>();
        u.put("Lambda concurrency <= " + (long) num(q, "lambdaConcurrency"),
                num(row, "lambdaConcurrency") / num(q, "lambdaConcurrency"));
        u.put("table write units <= " + (long) num(q, "tableWriteUnitsPerSecond") + "/s",
                num(row, "writeUnitsPerSecond") / num(q, "tableWriteUnitsPerSecond"));
        u.put("table read units <= " + (long) num(q, "tableReadUnitsPerSecond") + "/s",
                num(row, "readUnitsPerSecond") / num(q, "tableReadUnitsPerSecond"));
        u.replaceAll((k, v) -> ScaleBench.round(v));
        return u;
    }

    static double num(Map<String, ?> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("no number '" + key + "' in " + map.keySet());
        }
        return n.doubleValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    private static double r(double v) {
        return ScaleBench.round(v);
    }

    /** What each operation costs, from the measurements, in the forms the rates need. */
    static final class Costs {

        final Map<String, Map<String, Object>> ops;
        final double dynamoSeconds;
        final double overheadSeconds;
        final double partitionWrites;
        final double partitionReads;
        final double maxItems;
        final double maxSeconds;
        final double averageWatchers;
        final boolean refreshMovesDue;
        final Duration refresh;
        final Duration dueAfter;
        final double watchReadUnits;
        final double subscriptionReadUnits;
        final double subscriptionsPerApp;
        final double tenantReadUnits;
        final double tenantCacheSeconds;
        final double dueQueryReadUnitsPerItem;
        final double consumerRequestsPerRecord;
        final double perDeliverySeconds;
        /** The due index's shard count as the deployed stack sets it (infra's PresenceStack.DUE_SHARDS). */
        final int dueShards;
        private final Map<String, Object> w;
        private final int few = ScaleBench.FEW_WATCHERS;
        private final int many = ScaleBench.MANY_WATCHERS;

        Costs(Map<String, Object> workload, Map<String, Map<String, Object>> measured) {
            this.w = workload;
            this.ops = measured;
            Map<String, Object> aws = map(w, "aws");
            Map<String, Object> design = map(w, "design");
            dynamoSeconds = num(aws, "dynamoRequestMs") / 1000;
            overheadSeconds = num(aws, "invocationOverheadMs") / 1000;
            partitionWrites = num(aws, "partitionWriteUnitsPerSecond");
            partitionReads = num(aws, "partitionReadUnitsPerSecond");
            maxItems = num(design, "maxInvocationItems");
            dueShards = (int) num(design, "dueShards");
            maxSeconds = num(design, "maxInvocationSeconds");
            averageWatchers = num(w, "watchedShare") * num(w, "subscriptionsPerWatchedUser");
            refresh = Duration.ofSeconds((long) num(w, "refreshIntervalSeconds"));
            // the consumer's second UpdateItem is the one that moves the user's due moment
            refreshMovesDue = ((Map<String, Number>) (Map<?, ?>) ops.get("refresh").get("requestsByOperation"))
                    .getOrDefault("UpdateItem", 0).intValue() >= 2;
            dueAfter = Duration.ofSeconds((long) num(ops.get("refresh"), "dueAfterSeconds"));
            String manyOp = "visibleChange" + many + "Watchers";
            watchReadUnits = unitsOn(manyOp, "WATCH#", "readUnits") / many;
            subscriptionReadUnits = unitsOn(manyOp, "APP#", "readUnits") / many;
            subscriptionsPerApp = num(design, "subscriptionsPerApp");
            tenantReadUnits = unitsOn("getPresenceCrossTenantFirst", "TENANT#", "readUnits") / 2;
            tenantCacheSeconds = io.graphpresence.wiring.ScaleCaches.tenantSeconds();
            dueQueryReadUnitsPerItem = unitsOn("scheduleRunPerDueUser", "due:", "readUnits")
                    / num(ops.get("scheduleRunPerDueUser"), "dueUsers");
            Map<String, Object> refreshOp = ops.get("refresh");
            consumerRequestsPerRecord = Math.max(1, (num(refreshOp, "requests") - num(refreshOp, "callRequests")))
                    / Math.max(1, num(refreshOp, "streamRecords"));
            double inFlight = ChangeDispatcher.IN_FLIGHT;
            perDeliverySeconds = Math.max(num(ops.get(manyOp), "downstreamMs") / 1000 / many,
                    num(aws, "webhookPostP99Ms") / 1000 / inFlight);
        }

        double op(String name, String figure) {
            double v = num(ops.get(name), figure);
            return name.equals("scheduleRunPerDueUser") ? v / num(ops.get(name), "dueUsers") : v;
        }

        /** A visible change's cost with no watcher. */
        double base(String figure) {
            return op("visibleChange" + few + "Watchers", figure) - few * perWatcher(figure);
        }

        /** What each more watcher adds to a visible change. */
        double perWatcher(String figure) {
            return (op("visibleChange" + many + "Watchers", figure) - op("visibleChange" + few + "Watchers", figure))
                    / (many - few);
        }

        /** A Query pages at 1 MB: the watches of a user, about 100 bytes each. */
        double watchQueries(double watches) {
            return Math.ceil(watches * 100 / (1024 * 1024));
        }

        @SuppressWarnings("unchecked")
        Map<String, Double> key(String op, String pattern) {
            Map<String, Map<String, Double>> keys = (Map<String, Map<String, Double>>) ops.get(op).get("keys");
            return keys.getOrDefault(pattern, Map.of("requests", 0.0, "writeUnits", 0.0, "readUnits", 0.0));
        }

        @SuppressWarnings("unchecked")
        private double unitsOn(String op, String prefix, String figure) {
            Map<String, Map<String, Double>> keys = (Map<String, Map<String, Double>>) ops.get(op).get("keys");
            return keys.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .mapToDouble(e -> e.getValue().getOrDefault(figure, 0.0)).sum();
        }

        /**
         * The deployed path of a change due at a moment: its SQS timer (delay floored to the
         * second, the rest waited out by the handler) is received, the handler marks the user, the
         * stream carries the mark to the consumer, which posts it. Each part at its p99, added.
         */
        Map<String, Object> timeDrivenLatencyParts() {
            Map<String, Object> aws = map(w, "aws");
            Map<String, Object> parts = new LinkedHashMap<>();
            parts.put("timerLateMs", 0.0);
            parts.put("sqsToLambdaP99Ms", num(aws, "sqsToLambdaP99Ms"));
            parts.put("markMs", op("scheduleRunPerDueUser", "callRequests") * num(aws, "dynamoRequestMs"));
            parts.put("streamPollMs", 1000 / num(aws, "streamPollsPerSecond"));
            parts.put("consumerInvokeP99Ms", num(aws, "lambdaInvokeP99Ms"));
            parts.put("consumerMs", consumerRequestsPerRecord * num(aws, "dynamoRequestMs"));
            parts.put("webhookPostP99Ms", num(aws, "webhookPostP99Ms"));
            parts.replaceAll((k, v) -> ScaleBench.round((Double) v));
            return parts;
        }

        double timeDrivenLatencyP99Ms() {
            return ScaleBench.round(timeDrivenLatencyParts().values().stream().mapToDouble(v -> (Double) v).sum());
        }

        /** A batch of {@code posts} POSTs at its slowest: every endpoint hangs for the dispatcher's patience. */
        double worstPostSeconds(int posts) {
            return Math.ceil((double) posts / ChangeDispatcher.IN_FLIGHT) * ChangeDispatcher.PATIENCE.toSeconds();
        }

        /**
         * One change of a user with {@code subscriptions} watchers, as built (docs/fan-out.md):
         * the stream consumer reads the watch keys at one partition's rate and queues the batches
         * of {@link FanOutBatch#split} (as many a SendMessageBatch as its 256 KB take, the
         * real message of a batch measured); the user's groups are delivered
         * in parallel, each group's batches one after another, each batch an SQS-to-Lambda hand-over,
         * a read of its user and subscriptions (a BatchGetItem a hundred) and its POSTs at the
         * measured cost per delivery.
         */
        Map<String, Object> fanOutParts(double subscriptions) {
            Map<String, Object> aws = map(w, "aws");
            int groups = FanOutBatch.groupsFor((int) subscriptions, FanOutBatch.GROUPS, FanOutBatch.BATCH);
            double perGroup = Math.ceil(subscriptions / groups);
            double rounds = Math.ceil(perGroup / FanOutBatch.BATCH);
            double batch = Math.ceil(perGroup / rounds);
            double messages = groups * rounds;
            double watchQueries = watchQueries(subscriptions);
            double sends = Math.ceil(messages / messagesPerSend((int) batch));
            double batchSeconds = num(aws, "sqsToLambdaP99Ms") / 1000 + (1 + Math.ceil(batch / 100)) * dynamoSeconds
                    + batch * perDeliverySeconds;
            Map<String, Object> parts = new LinkedHashMap<>();
            parts.put("watchReadSeconds", ScaleBench.round(subscriptions * watchReadUnits / partitionReads));
            parts.put("enqueueSeconds", ScaleBench.round(sends * dynamoSeconds));
            parts.put("splitRequests", watchQueries + sends);
            parts.put("sendMessageBatchCalls", sends);
            parts.put("messages", messages);
            parts.put("groups", groups);
            parts.put("parallelInvocations", groups);
            parts.put("rounds", rounds);
            parts.put("subscriptionsPerBatch", batch);
            parts.put("batchSeconds", ScaleBench.round(batchSeconds));
            parts.put("worstBatchSeconds", ScaleBench.round(worstPostSeconds((int) batch)));
            parts.put("perDeliverySeconds", ScaleBench.round(perDeliverySeconds));
            return parts;
        }

        /** Batches one SendMessageBatch carries: ten, or fewer when ten would pass its size limit. */
        static double messagesPerSend(int subscriptionsPerBatch) {
            List<SubscriptionKey> keys = new ArrayList<>();
            for (int i = 0; i < subscriptionsPerBatch; i++) {
                keys.add(new SubscriptionKey(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                        UUID.randomUUID().toString()));
            }
            int bytes = new FanOutBatch(UUID.randomUUID().toString(), "0000000000010000000000000", Instant.now(), 0,
                    keys).toMessage().getBytes(StandardCharsets.UTF_8).length;
            return Math.max(1, Math.min(MessageBatches.MESSAGES_PER_SEND, MessageBatches.BYTES_PER_SEND / bytes));
        }

        double fanOutSeconds(double subscriptions) {
            Map<String, Object> p = fanOutParts(subscriptions);
            return ScaleBench.round(num(p, "watchReadSeconds") + num(p, "enqueueSeconds")
                    + num(p, "rounds") * num(p, "batchSeconds"));
        }
    }
}
