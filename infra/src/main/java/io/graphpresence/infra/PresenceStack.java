package io.graphpresence.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local stack runs, on AWS: the table, one Lambda function per handler class (all
 * from the one lean jar, each behind a SnapStart alias), the token authorizer, an HTTP API
 * with one route per entry of the route table, and five functions outside the API: the
 * table stream's consumer, the fan-out queue's consumer, a schedule that runs every minute and
 * the timer queue's consumer (change notifications, time-driven changes), and the consumer of
 * a calendar event bus, each with a dead-letter queue for what it could not handle.
 */
public class PresenceStack extends Stack {

    /**
     * @param functionsJar       the lean functions jar (tests pass a small stub)
     * @param deletionProtection keep the table from being deleted; off only for test stacks
     * @param browserOrigins     origins whose pages may call the API from a browser (CORS), such as
     *                           the presence board's; none by default
     */
    public record Settings(Path functionsJar, List<ApiRoute> routes, TableDefinition table, String issuer,
                           String audience, String jwksUrl, boolean deletionProtection, List<String> browserOrigins) {

        public Settings(Path functionsJar, List<ApiRoute> routes, TableDefinition table, String issuer,
                        String audience, String jwksUrl, boolean deletionProtection) {
            this(functionsJar, routes, table, issuer, audience, jwksUrl, deletionProtection, List.of());
        }
    }

    // measured (README, Performance): under 40 MB of heap after the first response, so memory is
    // not the limit; Lambda's CPU share grows with memory and start-up is CPU-bound
    static final int MEMORY_MB = 1024;
    static final String ALIAS = "live";
    /**
     * The due index's shards a day (docs/storage.md#the-due-index): every function the same, so
     * the index entries of any one moment land on 128 partitions: about 64,000 moves of users' next
     * change a second (each a delete and a put on the index) before one passes DynamoDB's 1,000
     * write units a partition. Only ever raise it.
     */
    static final int DUE_SHARDS = 128;
    // how long a change stays worth delivering: older records go to the dead-letter queue
    static final Duration STREAM_RECORD_MAX_AGE = Duration.hours(1);
    static final int STREAM_RETRY_ATTEMPTS = 10;
    static final int SCHEDULE_RETRY_ATTEMPTS = 2;
    /** SQS's longest message delay, the longest a timer waits on purpose. */
    static final int TIMER_LONGEST_WAIT_SECONDS = 900;
    /** Tries of a queued piece of work (a timer, a delivery batch) before its dead-letter queue. */
    static final int WORK_QUEUE_RECEIVES = 5;
    /**
     * A fan-out batch is delivered within seconds of its change (at most 500 POSTs, 64 at once,
     * each given a second): one a minute old means the consumers are behind or stuck.
     */
    static final int FAN_OUT_STUCK_SECONDS = 60;
    /** What calendar systems put on the bus, and the detail-types the calendar bus function applies. */
    static final String CALENDAR_SOURCE = "presence.calendar";
    static final List<String> CALENDAR_DETAIL_TYPES = List.of("CalendarEventChanged", "CalendarEventDeleted",
            "AutomaticRepliesChanged");
    static final String CALENDAR_BUS_SUFFIX = "-presence-calendar";
    static final int CALENDAR_RETRY_ATTEMPTS = 8;
    // an event is applied only if newer than what is stored, so a late one is harmless; past this
    // it goes to the dead-letter queue
    static final Duration CALENDAR_EVENT_MAX_AGE = Duration.hours(2);

    private final Table table;
    /** Delayed messages, one per change due within 15 minutes (docs/time-driven.md). */
    private final Queue timerQueue;
    /** Bounded batches of one change of a much-watched user, FIFO per user and group (docs/fan-out.md). */
    private final Queue fanOutQueue;
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final List<Queue> deadLetterQueues = new ArrayList<>();
    private final Monitoring monitoring;

    public PresenceStack(Construct scope, String id, StackProps props, Settings settings) {
        super(scope, id, props);
        table = table(settings.table(), settings.deletionProtection());
        timerQueue = workQueue("TimerQueue", "TimerDeadLetterQueue", false);
        fanOutQueue = workQueue("FanOutQueue", "FanOutDeadLetterQueue", true);
        Alias authorizer = function(FunctionPermissions.AUTHORIZER, settings);
        settings.routes().forEach(route -> aliases.computeIfAbsent(route.handlerClass(), h -> function(h, settings)));
        HttpApi api = api(authorizer, settings.routes(), settings.browserOrigins());
        Alias streamConsumer = function(FunctionPermissions.STREAM_CONSUMER, settings);
        streamConsumer(streamConsumer);
        Alias schedule = function(FunctionPermissions.SCHEDULE, settings);
        schedule(schedule);
        Alias timers = function(FunctionPermissions.TIMERS, settings);
        timers(streamConsumer, timers);
        Alias fanOut = function(FunctionPermissions.FAN_OUT, settings);
        fanOut(streamConsumer, fanOut);
        Alias calendarConsumer = function(FunctionPermissions.CALENDAR_BUS, settings);
        EventBus calendarBus = calendarBus(calendarConsumer);
        Map<String, Alias> functions = new LinkedHashMap<>();
        functions.put(shortName(FunctionPermissions.AUTHORIZER), authorizer);
        aliases.forEach((handler, alias) -> functions.put(shortName(handler), alias));
        functions.put(shortName(FunctionPermissions.STREAM_CONSUMER), streamConsumer);
        functions.put(shortName(FunctionPermissions.SCHEDULE), schedule);
        functions.put(shortName(FunctionPermissions.TIMERS), timers);
        functions.put(shortName(FunctionPermissions.FAN_OUT), fanOut);
        functions.put(shortName(FunctionPermissions.CALENDAR_BUS), calendarConsumer);
        monitoring = new Monitoring(this, "Monitoring",
                new Monitoring.Watched(api, table, functions, streamConsumer, deadLetterQueues,
                        // a timer waits up to 15 minutes by design: older than that and still there, it is stuck
                        Map.of(timerQueue, Duration.seconds(TIMER_LONGEST_WAIT_SECONDS + 120),
                                fanOutQueue, Duration.seconds(FAN_OUT_STUCK_SECONDS))));
        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint()).build();
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();
        CfnOutput.Builder.create(this, "CalendarBusName").value(calendarBus.getEventBusName()).build();
        CfnOutput.Builder.create(this, "CalendarBusArn").value(calendarBus.getEventBusArn()).build();
    }

    /** The table as {@code table-schema.json} defines it, with what only AWS has: TTL, backups, protection. */
    private Table table(TableDefinition schema, boolean deletionProtection) {
        Table table = Table.Builder.create(this, "PresenceTable")
                .partitionKey(schema.attribute(schema.partitionKey()))
                .sortKey(schema.attribute(schema.sortKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(schema.timeToLiveAttribute())
                .stream(StreamViewType.valueOf(schema.streamViewType()))
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(deletionProtection)
                .removalPolicy(deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        // the "due" index is sparse: only items with something due carry its keys
        schema.indexes().forEach(index -> table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(index.name())
                .partitionKey(schema.attribute(index.partitionKey()))
                .sortKey(schema.attribute(index.sortKey()))
                .projectionType(ProjectionType.valueOf(index.projectionType()))
                .build()));
        return table;
    }

    /**
     * 15 s for every function but subscription creation, which may wait for two validation
     * handshakes (notification and lifecycle URLs) of up to 10 s each, whole answers included.
     */
    static Duration timeoutOf(String handlerClass) {
        return handlerClass.equals(CREATE_SUBSCRIPTION) ? Duration.seconds(30) : Duration.seconds(15);
    }

    private static final String CREATE_SUBSCRIPTION = "io.graphpresence.subscriptions.CreateSubscriptionFunction";

    /**
     * One function for one handler class, its role allowed only its own DynamoDB actions on this
     * table (and on the indexes it queries, each named). Whatever triggers it calls the alias.
     */
    private static String shortName(String handlerClass) {
        return handlerClass.substring(handlerClass.lastIndexOf('.') + 1);
    }

    Monitoring monitoring() {
        return monitoring;
    }

    private Alias function(String handlerClass, Settings settings) {
        String name = shortName(handlerClass);
        Function function = Function.Builder.create(this, name)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(handlerClass)
                .code(Code.fromAsset(settings.functionsJar().toString()))
                .memorySize(MEMORY_MB)
                .timeout(timeoutOf(handlerClass))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .tracing(Tracing.ACTIVE)
                .loggingFormat(LoggingFormat.JSON)
                .environment(Map.of(
                        "PRESENCE_TABLE_NAME", table.getTableName(),
                        "PRESENCE_AUTH_ISSUER", settings.issuer(),
                        "PRESENCE_AUTH_AUDIENCE", settings.audience(),
                        "PRESENCE_AUTH_JWKS_URL", settings.jwksUrl(),
                        "PRESENCE_DUE_SHARDS", Integer.toString(DUE_SHARDS),
                        "PRESENCE_TIMERS_QUEUE_URL", timerQueue.getQueueUrl(),
                        "PRESENCE_FANOUT_QUEUE_URL", fanOutQueue.getQueueUrl()))
                .build();
        if (!FunctionPermissions.of(handlerClass).isEmpty()) {
            function.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(FunctionPermissions.of(handlerClass))
                    .resources(List.of(table.getTableArn()))
                    .build());
        }
        if (FunctionPermissions.countsCalls(handlerClass)) {
            // throttling's counters, and no other item: their partition keys alone start so
            function.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(FunctionPermissions.THROTTLE_COUNTER)
                    .resources(List.of(table.getTableArn()))
                    .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys",
                            List.of(FunctionPermissions.THROTTLE_KEY_PREFIX + "*"))))
                    .build());
        }
        FunctionPermissions.onIndexes(handlerClass).forEach((index, actions) ->
                function.addToRolePolicy(PolicyStatement.Builder.create()
                        .actions(actions)
                        .resources(List.of(table.getTableArn() + "/index/" + index))
                        .build()));
        // SnapStart snapshots published versions; callers reach the newest through the alias
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "every function publishes currentVersion, and API Gateway, the stream's event source"
                        + " mapping and the EventBridge rules call it through the live alias");
        return Alias.Builder.create(this, name + "Alias").aliasName(ALIAS).version(function.getCurrentVersion())
                .build();
    }

    /**
     * Every change of the table, in order per user (one batch at a time per shard), to the
     * stream consumer: a failed record splits its batch and is retried from there; what still
     * fails, or is too old to be worth delivering, goes to a dead-letter queue.
     */
    private void streamConsumer(Alias consumer) {
        Queue failed = deadLetterQueue("StreamDeadLetterQueue");
        consumer.addEventSource(new DynamoEventSource(table, DynamoEventSourceProps.builder()
                .startingPosition(StartingPosition.LATEST)
                .batchSize(100)
                .parallelizationFactor(1)
                .bisectBatchOnError(true)
                .reportBatchItemFailures(true)
                .retryAttempts(STREAM_RETRY_ATTEMPTS)
                .maxRecordAge(STREAM_RECORD_MAX_AGE)
                .onFailure(new SqsDlq(failed))
                .build()));
    }

    /**
     * The timers: the stream consumer sets them (sends to the queue), the timer function takes
     * them in batches of ten, reporting the ones it could not apply (they come back after the
     * visibility timeout, and after {@link #WORK_QUEUE_RECEIVES} tries go to the dead-letter
     * queue) and setting an early one again (so it may send too). Nobody else may send.
     */
    private void timers(Alias streamConsumer, Alias timerFunction) {
        timerQueue.grantSendMessages(streamConsumer);
        timerQueue.grantSendMessages(timerFunction);
        timerFunction.addEventSource(new SqsEventSource(timerQueue, SqsEventSourceProps.builder()
                .batchSize(10)
                .reportBatchItemFailures(true)
                .build()));
    }

    /**
     * The fan-out: the stream consumer queues the batches of a change of a much-watched user, the
     * fan-out function takes them one at a time (a batch is its bounded work: at most 500
     * subscriptions), as many at once as there are groups with work, one group's in order. A batch
     * it reports failed comes back after the visibility timeout, holding its group until then, and
     * after {@link #WORK_QUEUE_RECEIVES} tries goes to the dead-letter queue. Nobody else may send.
     */
    private void fanOut(Alias streamConsumer, Alias fanOutFunction) {
        fanOutQueue.grantSendMessages(streamConsumer);
        fanOutFunction.addEventSource(new SqsEventSource(fanOutQueue, SqsEventSourceProps.builder()
                .batchSize(1)
                .reportBatchItemFailures(true)
                .build()));
    }

    /**
     * A queue of work for a function, with its dead-letter queue (whose depth Monitoring alarms
     * on, as on every dead-letter queue; a FIFO queue's must be FIFO too). Its visibility timeout
     * is six times the function's, as Lambda's event sources ask.
     */
    private Queue workQueue(String id, String deadLetterId, boolean fifo) {
        Queue deadLetters = deadLetterQueue(deadLetterId, fifo);
        return Queue.Builder.create(this, id)
                .fifo(fifo ? true : null)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(6 * 15))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(WORK_QUEUE_RECEIVES).build())
                .build();
    }

    /** Every minute; an invocation EventBridge cannot make after its retries goes to a dead-letter queue. */
    private void schedule(Alias schedule) {
        Rule.Builder.create(this, "ScheduleRule")
                .schedule(Schedule.rate(Duration.minutes(1)))
                .targets(List.of(ruleTarget(schedule, "ScheduleDeadLetterQueue", SCHEDULE_RETRY_ATTEMPTS, null)))
                .build();
    }

    /**
     * Door 2 for calendar systems: a bus of this stack's own, named after it, whose rule hands
     * {@code presence.calendar} events of the three detail-types to the calendar bus function.
     * An invocation EventBridge cannot make after its retries, or not within the events' maximum
     * age, goes to a dead-letter queue.
     */
    private EventBus calendarBus(Alias consumer) {
        EventBus bus = EventBus.Builder.create(this, "CalendarBus")
                .eventBusName(getStackName() + CALENDAR_BUS_SUFFIX)
                .build();
        Rule.Builder.create(this, "CalendarBusRule")
                .eventBus(bus)
                .eventPattern(EventPattern.builder()
                        .source(List.of(CALENDAR_SOURCE))
                        .detailType(CALENDAR_DETAIL_TYPES)
                        .build())
                .targets(List.of(ruleTarget(consumer, "CalendarBusDeadLetterQueue", CALENDAR_RETRY_ATTEMPTS,
                        CALENDAR_EVENT_MAX_AGE)))
                .build();
        return bus;
    }

    /**
     * A rule's target: the function's alias, with its own dead-letter queue.
     *
     * @param maxEventAge null for EventBridge's default (24 hours)
     */
    private LambdaFunction ruleTarget(Alias alias, String deadLetterQueueId, int retryAttempts, Duration maxEventAge) {
        return new LambdaFunction(alias, LambdaFunctionProps.builder()
                .deadLetterQueue(deadLetterQueue(deadLetterQueueId))
                .retryAttempts(retryAttempts)
                .maxEventAge(maxEventAge)
                .build());
    }

    private Queue deadLetterQueue(String id) {
        return deadLetterQueue(id, false);
    }

    private Queue deadLetterQueue(String id, boolean fifo) {
        Queue queue = Queue.Builder.create(this, id)
                .fifo(fifo ? true : null)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        deadLetterQueues.add(queue);
        return queue;
    }

    /** The queues that take what the stream consumer and the rules' targets could not handle. */
    List<Queue> deadLetterQueues() {
        return List.copyOf(deadLetterQueues);
    }

    private HttpApi api(Alias authorizerAlias, List<ApiRoute> routes, List<String> browserOrigins) {
        HttpLambdaAuthorizer authorizer = new HttpLambdaAuthorizer("TokenAuthorizer", authorizerAlias,
                HttpLambdaAuthorizerProps.builder()
                        .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                        .identitySource(List.of("$request.header.Authorization"))
                        // the authorizer's answer depends on the token alone, so caching by token is safe
                        .resultsCacheTtl(Duration.minutes(5))
                        .build());
        HttpApi.Builder builder = HttpApi.Builder.create(this, "Api").createDefaultStage(false)
                .defaultAuthorizer(authorizer);
        if (!browserOrigins.isEmpty()) {
            // API Gateway answers the preflight itself, before the authorizer: a page elsewhere
            // (the presence board) may then send its bearer token; the token still decides
            builder.corsPreflight(CorsPreflightOptions.builder().allowOrigins(browserOrigins)
                    .allowHeaders(List.of("authorization", "content-type"))
                    .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT,
                            CorsHttpMethod.PATCH, CorsHttpMethod.DELETE))
                    .maxAge(Duration.hours(1)).build());
        }
        HttpApi api = builder.build();
        stage(api);
        Map<String, HttpLambdaIntegration> integrations = new LinkedHashMap<>();
        for (ApiRoute route : routes) {
            // one permission per function for this API, not one per route: 126 routes made 129
            // permissions and took the stack to CloudFormation's 500 resources. The source ARN
            // still names this API alone; which route reaches which function is the routes' own
            HttpLambdaIntegration integration = integrations.computeIfAbsent(route.handlerClass(),
                    h -> new HttpLambdaIntegration(h.substring(h.lastIndexOf('.') + 1) + "Integration", aliases.get(h),
                            HttpLambdaIntegrationProps.builder().scopePermissionToRoute(false).build()));
            api.addRoutes(AddRoutesOptions.builder().path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method()))).integration(integration).build());
        }
        return api;
    }

    /** The default stage: throttled, and logging every request. */
    private void stage(HttpApi api) {
        HttpStage stage = api.addStage("DefaultStage", HttpStageOptions.builder().stageName("$default").autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(1000).burstLimit(2000).build()).build());
        LogGroup accessLogs = LogGroup.Builder.create(this, "ApiAccessLogs").retention(RetentionDays.ONE_MONTH).build();
        ((CfnStage) stage.getNode().getDefaultChild()).setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format("{\"requestId\":\"$context.requestId\",\"routeKey\":\"$context.routeKey\","
                        + "\"status\":\"$context.status\",\"latency\":\"$context.responseLatency\","
                        + "\"authorizerError\":\"$context.authorizer.error\"}")
                .build());
    }
}
