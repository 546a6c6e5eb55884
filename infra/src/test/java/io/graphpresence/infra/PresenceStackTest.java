package io.graphpresence.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthesized template, asserted: table, functions, routes, authorizer, change notifications'
 * stream consumer and schedule, the calendar event bus, least privilege, cdk-nag.
 */
class PresenceStackTest {

    private static final Path FUNCTION_RESOURCES = Path.of("..", "functions", "src", "main", "resources");
    private static final List<ApiRoute> ROUTES = ApiRoutes.read(FUNCTION_RESOURCES.resolve("api-routes.json"));
    private static final Path TABLE_SCHEMA = FUNCTION_RESOURCES.resolve("table-schema.json");
    /** The functions no route reaches: the table stream's consumer, the schedule and the calendar bus's. */
    private static final List<String> EVENT_HANDLERS =
            List.of(FunctionPermissions.STREAM_CONSUMER, FunctionPermissions.SCHEDULE, FunctionPermissions.TIMERS,
                    FunctionPermissions.FAN_OUT, FunctionPermissions.CALENDAR_BUS);
    /** Written out here, not read from FunctionPermissions: what each new handler may do on the table. */
    private static final Map<String, Set<String>> CALENDAR_AND_LOCATION_ACTIONS = Map.of(
            "io.graphpresence.calendar.CreateEventFunction", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem"),
            "io.graphpresence.calendar.GetEventFunction", Set.of("dynamodb:GetItem"),
            "io.graphpresence.calendar.UpdateEventFunction",
            Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
            "io.graphpresence.calendar.DeleteEventFunction",
            Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
            "io.graphpresence.api.SetManualLocationFunction", Set.of("dynamodb:UpdateItem"),
            "io.graphpresence.api.SetAutomaticLocationFunction", Set.of("dynamodb:UpdateItem"),
            "io.graphpresence.api.ClearLocationFunction", Set.of("dynamodb:UpdateItem"),
            "io.graphpresence.api.ClearAutomaticLocationFunction", Set.of("dynamodb:UpdateItem"),
            FunctionPermissions.CALENDAR_BUS, Set.of("dynamodb:PutItem", "dynamodb:UpdateItem"));
    private static final Set<String> STREAM_READ_ACTIONS = Set.of("dynamodb:ListStreams", "dynamodb:DescribeStream",
            "dynamodb:GetRecords", "dynamodb:GetShardIterator");

    private static PresenceStack stack;
    private static Template template;
    private static Template unprotected;
    private static Map<String, Map<String, Object>> resources;

    @BeforeAll
    static void synthesize(@TempDir Path dir) throws IOException {
        Path stub = stubJar(dir.resolve("functions-stub.jar"));
        // one App for the class: synthesis boots Node once
        App app = new App();
        stack = new PresenceStack(app, "Tested", StackProps.builder().build(), settings(stub, true));
        Nag.suppressKnownFindings(stack);
        PresenceStack forTests = new PresenceStack(app, "Disposable", StackProps.builder().build(),
                settings(stub, false));
        Aspects.of(app).add(new AwsSolutionsChecks());
        template = Template.fromStack(stack);
        unprotected = Template.fromStack(forTests);
        resources = resources(template);
    }

    private static final String BOARD_ORIGIN = "https://board.example.com";

    /** The disposable stack also lets a presence board served elsewhere call it. */
    static PresenceStack.Settings settings(Path jar, boolean deletionProtection) {
        return new PresenceStack.Settings(jar, ROUTES, TableDefinition.read(TABLE_SCHEMA),
                "https://login.example.com/v2.0", "api://presence",
                "https://login.example.com/keys", deletionProtection,
                deletionProtection ? List.of() : List.of(BOARD_ORIGIN));
    }

    @Test
    void onlyANamedBrowserOriginMayCallTheApiFromAPage() {
        unprotected.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("CorsConfiguration", Map.of(
                "AllowOrigins", List.of(BOARD_ORIGIN),
                "AllowHeaders", List.of("authorization", "content-type"),
                "AllowMethods", List.of("GET", "POST", "PUT", "PATCH", "DELETE"),
                "MaxAge", 3600)));
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("CorsConfiguration", Match.absent()));
    }

    @Test
    void theTableHasTheKeysTtlStreamAndBackups() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST",
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "DeletionProtectionEnabled", true));
        unprotected.hasResourceProperties("AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", false));
    }

    /**
     * The deployed table is table-schema.json, no more and no less: the file is read here as
     * plain JSON, not through the stack's own reader, and compared with the synthesized table.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theTableIsExactlyWhatTheSchemaFileDefines() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(TABLE_SCHEMA.toFile());
        Map<String, Object> table = (Map<String, Object>) ofType("AWS::DynamoDB::Table").get(0).get("Properties");

        Set<Map<String, Object>> attributes = new HashSet<>();
        schema.get("attributes").fields().forEachRemaining(a ->
                attributes.add(Map.of("AttributeName", a.getKey(), "AttributeType", a.getValue().asText())));
        assertEquals(attributes, new HashSet<>((List<Map<String, Object>>) table.get("AttributeDefinitions")));
        assertEquals(keySchema(schema), table.get("KeySchema"));
        Set<Map<String, Object>> indexes = new HashSet<>();
        schema.get("globalSecondaryIndexes").forEach(i -> indexes.add(Map.of("IndexName", i.get("indexName").asText(),
                "KeySchema", keySchema(i), "Projection", Map.of("ProjectionType", i.get("projectionType").asText()))));
        assertEquals(indexes, new HashSet<>((List<Map<String, Object>>) table.get("GlobalSecondaryIndexes")));
        assertEquals(Map.of("StreamViewType", schema.get("streamViewType").asText()), table.get("StreamSpecification"));
        assertEquals(Map.of("AttributeName", schema.get("timeToLiveAttribute").asText(), "Enabled", true),
                table.get("TimeToLiveSpecification"));
    }

    private static List<Map<String, Object>> keySchema(JsonNode keys) {
        return List.of(Map.of("AttributeName", keys.get("partitionKey").asText(), "KeyType", "HASH"),
                Map.of("AttributeName", keys.get("sortKey").asText(), "KeyType", "RANGE"));
    }

    @Test
    void theTableHasTheSparseDueIndexOfKeysOnly() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "dueShard", "AttributeType", "S"),
                        Map.of("AttributeName", "dueAt", "AttributeType", "N"))),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "due",
                        "KeySchema", List.of(Map.of("AttributeName", "dueShard", "KeyType", "HASH"),
                                Map.of("AttributeName", "dueAt", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "KEYS_ONLY"))),
                // the stream keeps both images: the consumer compares what readers saw with what they see
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES")));
    }

    @Test
    void oneFunctionPerHandlerOnJava21ArmWithSnapStart() {
        Set<String> handlers = allHandlers();
        template.resourceCountIs("AWS::Lambda::Function", handlers.size());
        template.resourceCountIs("AWS::Lambda::Alias", handlers.size());
        template.allResourcesProperties("AWS::Lambda::Alias", Map.of("Name", PresenceStack.ALIAS));
        for (String handler : handlers) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", handler,
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "TracingConfig", Map.of("Mode", "Active"),
                    "LoggingConfig", Map.of("LogFormat", "JSON"),
                    "MemorySize", PresenceStack.MEMORY_MB));
        }
        Set<String> deployed = ofType("AWS::Lambda::Function").stream()
                .map(f -> (String) properties(f).get("Handler")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(handlers, deployed);
        assertFalse(handlers.stream().anyMatch(h -> h.contains("::")), "Micronaut's short handler form");
    }

    @Test
    void everyFunctionGetsTheSameEnvironmentAndNoneMayNotifyLoopback() {
        Set<String> expected = Set.of("PRESENCE_TABLE_NAME", "PRESENCE_AUTH_ISSUER", "PRESENCE_AUTH_AUDIENCE",
                "PRESENCE_AUTH_JWKS_URL", "PRESENCE_DUE_SHARDS", "PRESENCE_TIMERS_QUEUE_URL",
                "PRESENCE_FANOUT_QUEUE_URL");
        for (Map<String, Object> function : ofType("AWS::Lambda::Function")) {
            Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) properties(function).get("Environment")).get("Variables");
            Object handler = properties(function).get("Handler");
            assertEquals(expected, variables.keySet(), handler::toString);
            // one count for all: a function with another would write entries the sweep reads elsewhere
            assertEquals(Integer.toString(PresenceStack.DUE_SHARDS), variables.get("PRESENCE_DUE_SHARDS"), handler::toString);
            // webhooks to loopback or private addresses are refused on AWS: the switch is for the local stack
            assertFalse(variables.containsKey("PRESENCE_NOTIFICATIONS_ALLOW_LOOPBACK"), handler::toString);
        }
        assertFalse(template.toJSON().toString().contains("ALLOW_LOOPBACK"));
    }

    /** The capacity model keys the due index with the shard count deployed, not another one. */
    @Test
    void theCapacityModelAssumesTheDeployedShardCount() throws IOException {
        JsonNode workload = new ObjectMapper().readTree(
                Path.of("..", "functions", "src", "bench", "resources", "scale-workload.json").toFile());
        assertEquals(PresenceStack.DUE_SHARDS, workload.path("design").path("dueShards").asInt());
    }

    @Test
    void everyRouteGoesThroughTheAuthorizerToItsFunction() {
        template.resourceCountIs("AWS::ApiGatewayV2::Route", ROUTES.size());
        Map<String, String> handlerByRouteKey = new HashMap<>();
        for (Map<String, Object> route : ofType("AWS::ApiGatewayV2::Route")) {
            Map<String, Object> properties = properties(route);
            assertEquals("CUSTOM", properties.get("AuthorizationType"), properties::toString);
            String integration = joined(properties.get("Target")).replace("integrations/", "");
            handlerByRouteKey.put((String) properties.get("RouteKey"), handlerOfIntegration(integration));
        }
        Map<String, String> expected = ROUTES.stream()
                .collect(Collectors.toMap(r -> r.method() + " " + r.path(), ApiRoute::handlerClass));
        assertEquals(expected, handlerByRouteKey);
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "REQUEST", "EnableSimpleResponses", true, "AuthorizerPayloadFormatVersion", "2.0",
                "AuthorizerResultTtlInSeconds", 300, "IdentitySource", List.of("$request.header.Authorization")));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "io.graphpresence.subscriptions.CreateSubscriptionFunction", "Timeout", 30));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "io.graphpresence.api.GetPresenceFunction", "Timeout", 15));
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "$default",
                "DefaultRouteSettings", Match.objectLike(Map.of("ThrottlingRateLimit", 1000))));
    }

    @Test
    void theStreamFeedsItsConsumersAliasInOrderWithRetriesAndADeadLetterQueue() {
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 3);
        String tableId = logicalIdOf("AWS::DynamoDB::Table");
        List<Map<String, Object>> fromStream = ofType("AWS::Lambda::EventSourceMapping").stream()
                .map(PresenceStackTest::properties)
                .filter(m -> Map.of("Fn::GetAtt", List.of(tableId, "StreamArn")).equals(m.get("EventSourceArn"))).toList();
        assertEquals(1, fromStream.size());
        Map<String, Object> mapping = fromStream.get(0);
        assertEquals(Map.of("Fn::GetAtt", List.of(tableId, "StreamArn")), mapping.get("EventSourceArn"));
        assertEquals("LATEST", mapping.get("StartingPosition"));
        assertEquals(100, mapping.get("BatchSize"));
        assertEquals(1, mapping.get("ParallelizationFactor"), "one batch at a time per shard: order per user");
        assertEquals(true, mapping.get("BisectBatchOnFunctionError"));
        assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes"));
        assertEquals(PresenceStack.STREAM_RETRY_ATTEMPTS, mapping.get("MaximumRetryAttempts"));
        assertEquals(3600, mapping.get("MaximumRecordAgeInSeconds"));
        assertFalse(mapping.containsKey("MaximumBatchingWindowInSeconds"), "no batching window: changes go at once");
        // the alias, not $LATEST: the SnapStart version
        String alias = onlyRefIn(mapping.get("FunctionName"));
        assertEquals(PresenceStack.ALIAS, properties(resources.get(alias)).get("Name"));
        assertEquals(FunctionPermissions.STREAM_CONSUMER, handlerOfAlias(alias));
        Object destination = ((Map<?, ?>) ((Map<?, ?>) mapping.get("DestinationConfig")).get("OnFailure"))
                .get("Destination");
        assertIsADeadLetterQueue(destination);
    }

    @Test
    void theScheduleRunsEveryMinuteThroughItsAliasWithADeadLetterQueue() {
        template.resourceCountIs("AWS::Events::Rule", 2);
        List<Map<String, Object>> scheduled = ofType("AWS::Events::Rule").stream().map(PresenceStackTest::properties)
                .filter(r -> r.containsKey("ScheduleExpression")).toList();
        assertEquals(1, scheduled.size());
        Map<String, Object> rule = scheduled.get(0);
        assertEquals("rate(1 minute)", rule.get("ScheduleExpression"));
        assertFalse(rule.containsKey("EventBusName"), "the schedule runs on the default bus");
        assertEquals("ENABLED", rule.get("State"));
        Map<?, ?> target = onlyTarget(rule);
        String alias = onlyRefIn(target.get("Arn"));
        assertEquals(FunctionPermissions.SCHEDULE, handlerOfAlias(alias));
        assertEquals(Map.of("MaximumRetryAttempts", 2), target.get("RetryPolicy"));
        assertIsADeadLetterQueue(((Map<?, ?>) target.get("DeadLetterConfig")).get("Arn"));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of("Action", "lambda:InvokeFunction",
                "Principal", "events.amazonaws.com", "FunctionName", Map.of("Ref", alias)));
    }

    /** The rule's one target, which must be a function's live alias. */
    private Map<?, ?> onlyTarget(Map<String, Object> rule) {
        List<?> targets = (List<?>) rule.get("Targets");
        assertEquals(1, targets.size());
        Map<?, ?> target = (Map<?, ?>) targets.get(0);
        String alias = onlyRefIn(target.get("Arn"));
        assertEquals("AWS::Lambda::Alias", resources.get(alias).get("Type"));
        assertEquals(PresenceStack.ALIAS, properties(resources.get(alias)).get("Name"));
        return target;
    }

    @Test
    void theCalendarBusIsTheStacksOwnAndNamedInTheOutputs() {
        template.resourceCountIs("AWS::Events::EventBus", 1);
        Map.Entry<String, Map<String, Object>> bus = entriesOf("AWS::Events::EventBus").get(0);
        assertEquals("Tested" + PresenceStack.CALENDAR_BUS_SUFFIX, properties(bus.getValue()).get("Name"));
        unprotected.hasResourceProperties("AWS::Events::EventBus",
                Map.of("Name", "Disposable" + PresenceStack.CALENDAR_BUS_SUFFIX));
        template.resourceCountIs("AWS::Events::EventBusPolicy", 0);
        template.hasOutput("CalendarBusName", Map.of("Value", Map.of("Ref", bus.getKey())));
        template.hasOutput("CalendarBusArn", Map.of("Value", Map.of("Fn::GetAtt", List.of(bus.getKey(), "Arn"))));
    }

    @Test
    void theCalendarBusRuleHandsCalendarEventsToItsFunctionsAliasWithRetriesAndADeadLetterQueue() {
        String busId = logicalIdOf("AWS::Events::EventBus");
        List<Map.Entry<String, Map<String, Object>>> onBus = entriesOf("AWS::Events::Rule").stream()
                .filter(r -> properties(r.getValue()).containsKey("EventBusName")).toList();
        assertEquals(1, onBus.size());
        String ruleId = onBus.get(0).getKey();
        Map<String, Object> rule = properties(onBus.get(0).getValue());
        assertEquals(Map.of("Ref", busId), rule.get("EventBusName"));
        assertEquals("ENABLED", rule.get("State"));
        assertFalse(rule.containsKey("ScheduleExpression"));
        assertEquals(Map.of("source", List.of("presence.calendar"),
                "detail-type", List.of("CalendarEventChanged", "CalendarEventDeleted", "AutomaticRepliesChanged")),
                rule.get("EventPattern"));
        Map<?, ?> target = onlyTarget(rule);
        String alias = onlyRefIn(target.get("Arn"));
        assertEquals(FunctionPermissions.CALENDAR_BUS, handlerOfAlias(alias));
        assertEquals(Map.of("MaximumRetryAttempts", 8, "MaximumEventAgeInSeconds", 2 * 3600),
                target.get("RetryPolicy"));
        Object deadLetterQueue = ((Map<?, ?>) target.get("DeadLetterConfig")).get("Arn");
        assertIsADeadLetterQueue(deadLetterQueue);
        // only this rule may send to it
        String queueId = (String) ((List<?>) ((Map<?, ?>) deadLetterQueue).get("Fn::GetAtt")).get(0);
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", queueId)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow", "Action", "sqs:SendMessage",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Condition", Map.of("ArnEquals",
                                Map.of("aws:SourceArn", Map.of("Fn::GetAtt", List.of(ruleId, "Arn")))))))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of("Action", "lambda:InvokeFunction",
                "Principal", "events.amazonaws.com", "FunctionName", Map.of("Ref", alias)));
        // each rule its own dead-letter queue
        Set<Object> queues = ofType("AWS::Events::Rule").stream()
                .map(r -> ((Map<?, ?>) ((Map<?, ?>) ((List<?>) properties(r).get("Targets")).get(0))
                        .get("DeadLetterConfig")).get("Arn"))
                .collect(Collectors.toSet());
        assertEquals(2, queues.size());
    }

    @Test
    void noEventFunctionIsBehindTheApi() {
        Set<String> routed = ROUTES.stream().map(ApiRoute::handlerClass).collect(Collectors.toSet());
        EVENT_HANDLERS.forEach(h -> assertFalse(routed.contains(h), h));
        template.resourceCountIs("AWS::ApiGatewayV2::Integration", routed.size());
        // the stream's, the schedule's, the calendar bus rule's, the timers' and the fan-out's
        // dead-letter queues, and the timer and fan-out queues themselves
        template.resourceCountIs("AWS::SQS::Queue", 7);
        assertEquals(5, stack.deadLetterQueues().size());
    }

    /** The calendar and work-location handlers, and the calendar bus function: exactly their actions, on the table. */
    @Test
    void theCalendarAndLocationFunctionsMayDoExactlyTheirActionsOnTheTable() {
        String tableId = logicalIdOf("AWS::DynamoDB::Table");
        Map<String, Object> tableArn = Map.of("Fn::GetAtt", List.of(tableId, "Arn"));
        Set<String> routed = ROUTES.stream().map(ApiRoute::handlerClass).collect(Collectors.toSet());
        CALENDAR_AND_LOCATION_ACTIONS.forEach((handler, expected) -> {
            assertEquals(!FunctionPermissions.CALENDAR_BUS.equals(handler), routed.contains(handler), handler);
            List<Map<String, Object>> dynamo = statementsOfHandler(handler).stream()
                    .filter(st -> actions(st).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                    .filter(st -> !isThrottleCounterStatement(st)).toList();
            assertEquals(1, dynamo.size(), handler);
            assertEquals(tableArn, dynamo.get(0).get("Resource"), handler);
            assertEquals(new TreeSet<>(expected), new TreeSet<>(actions(dynamo.get(0))), handler);
            assertTrue(FunctionPermissions.onIndexes(handler).isEmpty(), handler);
        });
        // the schedule now also moves calendar events near: reads the event, updates the user's item and the event
        assertTrue(FunctionPermissions.of(FunctionPermissions.SCHEDULE)
                .containsAll(List.of("dynamodb:GetItem", "dynamodb:UpdateItem")));
    }

    /**
     * Each role: its handler's actions on the table, its index actions on each index it queries
     * (named, never a wildcard), reading the stream for the stream consumer alone; nothing else
     * of DynamoDB.
     */
    @Test
    void eachRoleMayDoOnlyItsHandlersActionsOnTheTableOnly() {
        String tableId = logicalIdOf("AWS::DynamoDB::Table");
        Map<String, Object> tableArn = Map.of("Fn::GetAtt", List.of(tableId, "Arn"));
        Map<String, Object> streamArn = Map.of("Fn::GetAtt", List.of(tableId, "StreamArn"));
        for (Map.Entry<String, Map<String, Object>> function : entriesOf("AWS::Lambda::Function")) {
            String handler = (String) properties(function.getValue()).get("Handler");
            String role = ((Map<?, ?>) properties(function.getValue()).get("Role")).toString();
            List<Map<String, Object>> dynamoStatements = statementsOfRole(role).stream()
                    .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:"))).toList();
            List<Map<String, Object>> counters = dynamoStatements.stream()
                    .filter(PresenceStackTest::isThrottleCounterStatement).toList();
            assertEquals(FunctionPermissions.countsCalls(handler) ? 1 : 0, counters.size(), handler);
            counters.forEach(s -> assertEquals(tableArn, s.get("Resource"), handler));
            List<Map<String, Object>> onTable = dynamoStatements.stream()
                    .filter(s -> tableArn.equals(s.get("Resource")) && !counters.contains(s)).toList();
            if (FunctionPermissions.of(handler).isEmpty()) {
                assertTrue(onTable.isEmpty(), handler);
            } else {
                assertEquals(1, onTable.size(), handler);
                assertEquals(new TreeSet<>(FunctionPermissions.of(handler)), new TreeSet<>(actions(onTable.get(0))),
                        handler);
            }

            Map<String, Set<String>> onIndexes = new HashMap<>();
            List<Map<String, Object>> rest = new ArrayList<>();
            for (Map<String, Object> statement : dynamoStatements) {
                String index = indexOf(statement.get("Resource"), tableArn);
                if (index != null) {
                    onIndexes.merge(index, new TreeSet<>(actions(statement)), (a, b) -> {
                        a.addAll(b);
                        return a;
                    });
                } else if (!onTable.contains(statement) && !counters.contains(statement)) {
                    rest.add(statement);
                }
            }
            Map<String, Set<String>> expectedOnIndexes = new HashMap<>();
            FunctionPermissions.onIndexes(handler).forEach((i, a) -> expectedOnIndexes.put(i, new TreeSet<>(a)));
            assertEquals(expectedOnIndexes, onIndexes, handler);

            if (FunctionPermissions.STREAM_CONSUMER.equals(handler)) {
                // grantStreamRead: ListStreams takes no resource; the rest name this table's stream
                Set<String> streamActions = new TreeSet<>();
                for (Map<String, Object> statement : rest) {
                    List<String> actions = actions(statement);
                    streamActions.addAll(actions);
                    assertTrue(STREAM_READ_ACTIONS.containsAll(actions), statement::toString);
                    Object expectedResource = actions.equals(List.of("dynamodb:ListStreams")) ? "*" : streamArn;
                    assertEquals(expectedResource, statement.get("Resource"), statement::toString);
                }
                assertEquals(STREAM_READ_ACTIONS, streamActions);
            } else {
                assertTrue(rest.isEmpty(), () -> handler + ": " + rest);
            }
        }
        String all = template.toJSON().toString();
        assertFalse(all.contains("dynamodb:*"), "no wildcard DynamoDB action");
        assertFalse(all.contains("/index/*"), "no index wildcard");
    }

    /**
     * Throttling: every function behind a Graph route, and the batch function, may add to the
     * throttling counters, and to no other item: one UpdateItem, on partition keys starting
     * THROTTLE#. The admin API and the event functions are not throttled and may not.
     */
    @Test
    void graphFunctionsMayUpdateTheThrottlingCountersAndNothingElseWithThatStatement() {
        Set<String> graphHandlers = ROUTES.stream().filter(r -> !r.path().startsWith("/admin"))
                .map(ApiRoute::handlerClass).collect(Collectors.toSet());
        assertTrue(graphHandlers.contains(FunctionPermissions.BATCH));
        for (String handler : graphHandlers) {
            assertEquals(1, statementsOfHandler(handler).stream()
                    .filter(PresenceStackTest::isThrottleCounterStatement).count(), handler);
        }
        ROUTES.stream().filter(r -> r.path().startsWith("/admin")).map(ApiRoute::handlerClass).distinct()
                .forEach(handler -> assertTrue(statementsOfHandler(handler).stream()
                        .noneMatch(PresenceStackTest::isThrottleCounterStatement), handler));
        for (String handler : EVENT_HANDLERS) {
            assertTrue(statementsOfHandler(handler).stream().noneMatch(PresenceStackTest::isThrottleCounterStatement),
                    handler);
        }
    }

    /** JSON batching runs any Graph operation in-process: its role has each one's actions, and no admin-only one. */
    @Test
    void theBatchFunctionMayDoWhatEveryGraphOperationDoesAndNoMore() {
        Set<String> batch = new TreeSet<>(FunctionPermissions.of(FunctionPermissions.BATCH));
        Set<String> expected = new TreeSet<>();
        ROUTES.stream().filter(r -> !r.path().startsWith("/admin")).map(ApiRoute::handlerClass)
                .filter(h -> !h.equals(FunctionPermissions.BATCH))
                .forEach(h -> expected.addAll(FunctionPermissions.of(h)));
        assertEquals(expected, batch);
        assertFalse(batch.contains("dynamodb:ConditionCheckItem"), "claiming domains is the admin API's alone");
        assertTrue(FunctionPermissions.onIndexes(FunctionPermissions.BATCH).isEmpty());
        assertTrue(FunctionPermissions.of(FunctionPermissions.UNSUPPORTED).isEmpty(), "refused paths touch no item");
    }

    /** The new presence paths: work location under /users/{id} and /communications/presences/{id}, and $batch. */
    @Test
    void theWorkLocationActionsAndBatchingHaveTheirRoutes() {
        Set<String> routeKeys = entriesOf("AWS::ApiGatewayV2::Route").stream()
                .map(r -> (String) properties(r.getValue()).get("RouteKey")).collect(Collectors.toSet());
        for (String version : List.of("v1.0", "beta")) {
            for (String action : List.of("setManualLocation", "setAutomaticLocation", "clearLocation",
                    "clearAutomaticLocation")) {
                assertTrue(routeKeys.contains("POST /" + version + "/users/{id}/presence/" + action), action);
                assertTrue(routeKeys.contains("POST /" + version + "/communications/presences/{id}/" + action), action);
            }
            assertTrue(routeKeys.contains("POST /" + version + "/$batch"), version);
            assertTrue(routeKeys.contains("PATCH /" + version + "/me/presence"), version);
        }
    }

    private static boolean isThrottleCounterStatement(Map<String, Object> statement) {
        String prefix = FunctionPermissions.THROTTLE_KEY_PREFIX + "*";
        return statement.get("Condition") instanceof Map<?, ?> condition
                && condition.get("ForAllValues:StringLike") instanceof Map<?, ?> like
                && (prefix.equals(like.get("dynamodb:LeadingKeys"))
                        || List.of(prefix).equals(like.get("dynamodb:LeadingKeys")))
                && List.of("dynamodb:UpdateItem").equals(actions(statement));
    }

    @Test
    void theScheduleQueriesTheDueIndexByName() {
        String tableId = logicalIdOf("AWS::DynamoDB::Table");
        Map<String, Object> indexArn = Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::GetAtt", List.of(tableId, "Arn")), "/index/due")));
        assertTrue(statementsOfHandler(FunctionPermissions.SCHEDULE).stream()
                .anyMatch(s -> indexArn.equals(s.get("Resource")) && actions(s).equals(List.of("dynamodb:Query"))));
        // the stream consumer finds watchers by key on the table itself: no index for it
        assertTrue(statementsOfHandler(FunctionPermissions.STREAM_CONSUMER).stream()
                .noneMatch(s -> s.get("Resource").toString().contains("/index/")));
        assertTrue(statementsOfHandler(FunctionPermissions.STREAM_CONSUMER).stream()
                .anyMatch(s -> s.get("Resource").equals(Map.of("Fn::GetAtt", List.of(tableId, "Arn")))
                        && actions(s).contains("dynamodb:Query")));
    }

    @Test
    void theDeadLetterQueuesOnlyTakeWhatTheirSenderCouldNotHandle() {
        String timerQueue = logicalIdOfQueue("TimerQueue");
        String fanOutQueue = logicalIdOfQueue("FanOutQueue");
        // the stream consumer may send to its dead-letter queue (the event source's on-failure
        // destination), set timers and queue fan-out batches; nothing else
        List<Object> sentTo = statementsOfHandler(FunctionPermissions.STREAM_CONSUMER).stream()
                .filter(s -> actions(s).contains("sqs:SendMessage")).map(s -> s.get("Resource")).toList();
        assertEquals(3, sentTo.size(), sentTo::toString);
        Set<Object> workQueues = Set.of(Map.of("Fn::GetAtt", List.of(timerQueue, "Arn")),
                Map.of("Fn::GetAtt", List.of(fanOutQueue, "Arn")));
        assertTrue(sentTo.containsAll(workQueues), sentTo::toString);
        sentTo.stream().filter(r -> !workQueues.contains(r)).forEach(PresenceStackTest::assertIsADeadLetterQueue);
        // the fan-out function only takes batches: it sends nowhere
        assertEquals(List.of(), statementsOfHandler(FunctionPermissions.FAN_OUT).stream()
                .filter(s -> actions(s).contains("sqs:SendMessage")).toList());
        // the timer function sets an early timer again: it sends to its own queue alone
        assertEquals(List.of(Map.of("Fn::GetAtt", List.of(timerQueue, "Arn"))),
                statementsOfHandler(FunctionPermissions.TIMERS).stream()
                        .filter(s -> actions(s).contains("sqs:SendMessage")).map(s -> s.get("Resource")).toList());
        // no other function may use a queue at all
        for (Map.Entry<String, Map<String, Object>> function : entriesOf("AWS::Lambda::Function")) {
            String handler = (String) properties(function.getValue()).get("Handler");
            if (!List.of(FunctionPermissions.STREAM_CONSUMER, FunctionPermissions.TIMERS, FunctionPermissions.FAN_OUT)
                    .contains(handler)) {
                assertTrue(statementsOfHandler(handler).stream().flatMap(s -> actions(s).stream())
                        .noneMatch(a -> a.startsWith("sqs:")), handler);
            }
        }
    }

    @Test
    void timersGoThroughTheirQueueToTheTimerFunctionWithPartialBatchResponsesAndADeadLetterQueue() {
        assertWorkQueue("TimerQueue", 10, FunctionPermissions.TIMERS);
    }

    @Test
    void fanOutBatchesGoThroughAFifoQueueToTheFanOutFunctionOneAtATimeWithADeadLetterQueue() {
        // one bounded batch of at most 500 subscriptions an invocation
        Map<String, Object> queue = assertWorkQueue("FanOutQueue", 1, FunctionPermissions.FAN_OUT);
        assertEquals(true, queue.get("FifoQueue"), "one subscriber's notifications of one user in order");
        String deadLetters = (String) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) queue.get("RedrivePolicy"))
                .get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
        assertEquals(true, properties(resources.get(deadLetters)).get("FifoQueue"), "a FIFO queue's must be FIFO");
    }

    /**
     * A queue of work: encrypted, its visibility six times its function's timeout, a dead-letter
     * queue after its receives, and one event source to its function's alias with partial batch
     * responses. @return the queue's properties
     */
    private Map<String, Object> assertWorkQueue(String queueId, int batchSize, String handler) {
        String queueLogicalId = logicalIdOfQueue(queueId);
        Map<String, Object> queue = properties(resources.get(queueLogicalId));
        assertEquals(true, queue.get("SqsManagedSseEnabled"));
        assertEquals(90, queue.get("VisibilityTimeout"), "six times the function's timeout");
        Map<?, ?> redrive = (Map<?, ?>) queue.get("RedrivePolicy");
        assertEquals(PresenceStack.WORK_QUEUE_RECEIVES, redrive.get("maxReceiveCount"));
        assertIsADeadLetterQueue(redrive.get("deadLetterTargetArn"));

        List<Map<String, Object>> fromQueue = ofType("AWS::Lambda::EventSourceMapping").stream()
                .map(PresenceStackTest::properties)
                .filter(m -> Map.of("Fn::GetAtt", List.of(queueLogicalId, "Arn")).equals(m.get("EventSourceArn")))
                .toList();
        assertEquals(1, fromQueue.size());
        Map<String, Object> mapping = fromQueue.get(0);
        assertEquals(batchSize, mapping.get("BatchSize"));
        assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes"));
        String alias = onlyRefIn(mapping.get("FunctionName"));
        assertEquals(PresenceStack.ALIAS, properties(resources.get(alias)).get("Name"));
        assertEquals(handler, handlerOfAlias(alias));
        return queue;
    }

    @Test
    void theFanOutFunctionReadsAndRecordsDeliveriesButQueriesNothing() {
        String tableId = logicalIdOf("AWS::DynamoDB::Table");
        List<String> onTable = statementsOfHandler(FunctionPermissions.FAN_OUT).stream()
                .filter(s -> Map.of("Fn::GetAtt", List.of(tableId, "Arn")).equals(s.get("Resource")))
                .flatMap(s -> actions(s).stream()).sorted().toList();
        assertEquals(List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem"), onTable);
        assertTrue(statementsOfHandler(FunctionPermissions.FAN_OUT).stream()
                .noneMatch(s -> s.get("Resource").toString().contains("/index/")));
    }

    /** API Gateway may invoke each routed function once per function, and only from this API. */
    @Test
    void apiGatewayMayInvokeEachRoutedFunctionFromThisApiAlone() {
        String apiId = logicalIdOf("AWS::ApiGatewayV2::Api");
        List<Map<String, Object>> fromApi = ofType("AWS::Lambda::Permission").stream().map(PresenceStackTest::properties)
                .filter(p -> "apigateway.amazonaws.com".equals(p.get("Principal"))).toList();
        Set<String> routed = ROUTES.stream().map(ApiRoute::handlerClass).collect(Collectors.toSet());
        // one for each routed function, and the authorizer's
        assertEquals(routed.size() + 1, fromApi.size());
        Set<String> handlers = new TreeSet<>();
        fromApi.forEach(p -> {
            assertTrue(String.valueOf(p.get("SourceArn")).contains("{Ref=" + apiId + "}"), p::toString);
            handlers.add(handlerOfAlias(onlyRefIn(p.get("FunctionName"))));
        });
        Set<String> expected = new TreeSet<>(routed);
        expected.add(FunctionPermissions.AUTHORIZER);
        assertEquals(expected, handlers);
    }

    /** CloudFormation refuses a stack of more than 500 resources; the monitoring is nested for that reason. */
    @Test
    void theMainStackStaysUnderCloudFormationsResourceLimit() {
        assertTrue(resources.size() <= 480, resources.size() + " resources, with 20 kept free of 500");
    }

    @Test
    void whatCanPileUpHasAnAlarm() {
        assertAgeAndDeadLetterAlarms("TimerQueue", age -> age > PresenceStack.TIMER_LONGEST_WAIT_SECONDS,
                "a timer older than its longest wait");
        assertAgeAndDeadLetterAlarms("FanOutQueue", age -> age == PresenceStack.FAN_OUT_STUCK_SECONDS,
                "a fan-out batch a minute old");
    }

    /** An alarm on the queue's oldest message, and one on the first message in its dead-letter queue. */
    private void assertAgeAndDeadLetterAlarms(String queueId, java.util.function.IntPredicate age, String what) {
        String queue = logicalIdOfQueue(queueId);
        String deadLetters = (String) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) properties(resources.get(queue))
                .get("RedrivePolicy")).get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
        // every alarm is in the monitoring stack, which notifies the deploy-time topic
        List<Map<String, Object>> alarms = Template.fromStack(stack.monitoring()).findResources("AWS::CloudWatch::Alarm")
                .values().stream().map(PresenceStackTest::properties).toList();
        assertTrue(alarms.stream().anyMatch(a -> "ApproximateAgeOfOldestMessage".equals(a.get("MetricName"))
                && dimensionsName(a, queue) && age.test(((Number) a.get("Threshold")).intValue())),
                what + " (queue " + queue + "): " + alarms);
        assertTrue(alarms.stream().anyMatch(a -> "ApproximateNumberOfMessagesVisible".equals(a.get("MetricName"))
                && dimensionsName(a, deadLetters) && ((Number) a.get("Threshold")).intValue() == 0),
                "anything in the dead-letter queue of " + queue + ": " + alarms);
    }

    /**
     * Whether the alarm's dimensions name the queue: the monitoring stack reaches it through a
     * parameter named after the queue's construct id, with a hash of its own after it.
     */
    private static boolean dimensionsName(Map<String, Object> alarm, String queueLogicalId) {
        String constructId = queueLogicalId.replaceAll("[0-9A-F]{8}$", "");
        return String.valueOf(alarm.get("Dimensions")).matches(".*referenceto[A-Za-z]*?" + constructId + "[0-9A-F]{8}QueueName.*");
    }

    private String logicalIdOfQueue(String id) {
        return resources.keySet().stream().filter(k -> k.startsWith(id) && "AWS::SQS::Queue".equals(
                resources.get(k).get("Type"))).findFirst().orElseThrow(() -> new AssertionError("no queue " + id));
    }

    @Test
    void cdkNagFindsNothingUnexplained() {
        var errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertTrue(errors.isEmpty(), () -> errors.stream().map(e -> e.getEntry().getData().toString())
                .collect(Collectors.joining("\n")));
    }

    @Test
    void theOutputsNameTheApiTheTableAndTheCalendarBus() {
        template.hasOutput("ApiUrl", Map.of());
        template.hasOutput("TableName", Map.of());
        template.hasOutput("CalendarBusName", Map.of());
        template.hasOutput("CalendarBusArn", Map.of());
    }

    // ---- reading the template

    private static Set<String> allHandlers() {
        Set<String> handlers = new TreeSet<>();
        ROUTES.forEach(r -> handlers.add(r.handlerClass()));
        handlers.add(FunctionPermissions.AUTHORIZER);
        handlers.addAll(EVENT_HANDLERS);
        return handlers;
    }

    /** An encrypted queue that refuses plain HTTP and keeps messages 14 days. */
    private static void assertIsADeadLetterQueue(Object arn) {
        assertTrue(arn instanceof Map<?, ?> m && m.containsKey("Fn::GetAtt"), String.valueOf(arn));
        List<?> getAtt = (List<?>) ((Map<?, ?>) arn).get("Fn::GetAtt");
        assertEquals("Arn", getAtt.get(1));
        Map<String, Object> queue = resources.get((String) getAtt.get(0));
        assertEquals("AWS::SQS::Queue", queue.get("Type"));
        assertEquals(true, properties(queue).get("SqsManagedSseEnabled"));
        assertEquals(14 * 24 * 3600, properties(queue).get("MessageRetentionPeriod"));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", getAtt.get(0))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny", "Action", "sqs:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    private static List<Map<String, Object>> statementsOfHandler(String handler) {
        Map<String, Object> function = entriesOf("AWS::Lambda::Function").stream()
                .filter(f -> handler.equals(properties(f.getValue()).get("Handler"))).findFirst().orElseThrow()
                .getValue();
        return statementsOfRole(((Map<?, ?>) properties(function).get("Role")).toString());
    }

    /** The index name of {@code <tableArn>/index/<name>}, or null for any other resource. */
    private static String indexOf(Object resource, Map<String, Object> tableArn) {
        if (resource instanceof Map<?, ?> m && m.get("Fn::Join") instanceof List<?> join
                && join.get(1) instanceof List<?> parts && parts.size() == 2 && tableArn.equals(parts.get(0))
                && parts.get(1) instanceof String suffix && suffix.startsWith("/index/")) {
            return suffix.substring("/index/".length());
        }
        return null;
    }

    /** The one logical id a value refers to (through Ref), however deep. */
    private static String onlyRefIn(Object value) {
        Set<String> refs = new TreeSet<>();
        collectRefs(value, refs);
        assertEquals(1, refs.size(), String.valueOf(value));
        return refs.iterator().next();
    }

    private static void collectRefs(Object value, Set<String> refs) {
        if (value instanceof Map<?, ?> map) {
            if (map.get("Ref") instanceof String ref) {
                refs.add(ref);
            }
            map.values().forEach(v -> collectRefs(v, refs));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectRefs(v, refs));
        }
    }

    private static String handlerOfAlias(String aliasId) {
        Object version = properties(resources.get(aliasId)).get("FunctionName");
        String functionId = (String) ((Map<?, ?>) version).get("Ref");
        return (String) properties(resources.get(functionId)).get("Handler");
    }

    private static String handlerOfIntegration(String integrationId) {
        Object uri = properties(resources.get(integrationId)).get("IntegrationUri");
        String aliasId = (String) ((Map<?, ?>) uri).get("Ref");
        return handlerOfAlias(aliasId);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOfRole(String roleRef) {
        return entriesOf("AWS::IAM::Policy").stream()
                .filter(p -> ((List<Object>) properties(p.getValue()).get("Roles")).toString().contains(
                        roleRef.replaceAll(".*\\[(\\w+), Arn].*", "$1")))
                .flatMap(p -> ((List<Map<String, Object>>) ((Map<String, Object>) properties(p.getValue())
                        .get("PolicyDocument")).get("Statement")).stream())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> actions(Map<String, Object> statement) {
        Object actions = statement.get("Action");
        return actions instanceof List<?> list ? (List<String>) list : List.of((String) actions);
    }

    private static String joined(Object target) {
        if (target instanceof String s) {
            return s;
        }
        @SuppressWarnings("unchecked")
        List<Object> parts = (List<Object>) ((List<Object>) ((Map<?, ?>) target).get("Fn::Join")).get(1);
        return parts.stream().map(p -> p instanceof Map<?, ?> m ? (String) m.get("Ref") : (String) p)
                .collect(Collectors.joining());
    }

    private static String logicalIdOf(String type) {
        return entriesOf(type).get(0).getKey();
    }

    private static List<Map<String, Object>> ofType(String type) {
        return entriesOf(type).stream().map(Map.Entry::getValue).toList();
    }

    private static List<Map.Entry<String, Map<String, Object>>> entriesOf(String type) {
        return resources.entrySet().stream().filter(e -> type.equals(e.getValue().get("Type"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(Template template) {
        return (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
    }

    /** A few bytes in jar form: enough for an asset, nothing of the functions module. */
    static Path stubJar(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("stub.txt"));
            zip.write("stub".getBytes());
            zip.closeEntry();
        }
        return file;
    }
}
