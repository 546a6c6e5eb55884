package io.graphpresence.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard and each alarm in the synthesized template, every alarm wired to the deploy-time topic. */
class MonitoringTest {

    private static Template template;
    private static Template main;
    private static Map<String, Map<String, Object>> alarms;
    private static int functions;
    private static int deadLetterQueues;

    @BeforeAll
    static void synthesize(@TempDir Path dir) throws IOException {
        App app = new App();
        PresenceStack stack = new PresenceStack(app, "Monitored", StackProps.builder().build(),
                PresenceStackTest.settings(PresenceStackTest.stubJar(dir.resolve("functions-stub.jar")), true));
        main = Template.fromStack(stack);
        template = Template.fromStack(stack.monitoring());
        alarms = template.findResources("AWS::CloudWatch::Alarm");
        functions = main.findResources("AWS::Lambda::Function").size();
        deadLetterQueues = stack.deadLetterQueues().size();
    }

    private static Map<String, Object> alarm(String logicalIdStart) {
        List<Map<String, Object>> found = alarms.entrySet().stream()
                .filter(e -> e.getKey().startsWith(logicalIdStart))
                .map(e -> props(e.getValue())).toList();
        assertEquals(1, found.size(), logicalIdStart + " among " + alarms.keySet());
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @Test
    void theAlarmTopicIsAParameterOfTheDeployedStackAndEveryAlarmNotifiesIt() {
        main.hasParameter(Monitoring.TOPIC_PARAMETER, Map.of("Type", "String"));
        // the nested stack gets the deploy-time value as a parameter of its own
        Map<String, Map<String, Object>> nested = main.findResources("AWS::CloudFormation::Stack");
        assertEquals(1, nested.size());
        Map<?, ?> passed = (Map<?, ?>) props(nested.values().iterator().next()).get("Parameters");
        List<String> topicParameters = passed.entrySet().stream()
                .filter(e -> Map.of("Ref", Monitoring.TOPIC_PARAMETER).equals(e.getValue()))
                .map(e -> (String) e.getKey()).toList();
        assertEquals(1, topicParameters.size(), passed.toString());
        Map<String, String> topic = Map.of("Ref", topicParameters.get(0));
        // 5xx, delivery delay, iterator age, throttled requests; each dead-letter queue; the ages of
        // the two work queues (timers, fan-out); each function
        assertEquals(4 + deadLetterQueues + 2 + functions, alarms.size(), alarms.keySet().toString());
        alarms.values().forEach(resource -> {
            Map<String, Object> props = props(resource);
            assertEquals(List.of(topic), props.get("AlarmActions"), props.toString());
            assertEquals(List.of(topic), props.get("OKActions"), props.toString());
        });
    }

    @Test
    void serverErrorsAlarmOnTheirShareOfApiRequests() {
        Map<String, Object> alarm = alarm("Api5xxRate");
        assertEquals(Monitoring.SERVER_ERROR_PERCENT, ((Number) alarm.get("Threshold")).doubleValue());
        String metrics = alarm.get("Metrics").toString();
        assertTrue(metrics.contains("100 * errors / requests"), metrics);
        assertTrue(metrics.contains("5xx") && metrics.contains("Count") && metrics.contains("AWS/ApiGateway"), metrics);
    }

    @Test
    void notificationDelayAlarmsOnItsP99AboveTwoSeconds() {
        Map<String, Object> alarm = alarm("NotificationDelayP99");
        assertEquals(2000.0, ((Number) alarm.get("Threshold")).doubleValue());
        assertEquals("DeliveryDelay", alarm.get("MetricName"));
        assertEquals(Monitoring.NAMESPACE, alarm.get("Namespace"));
        assertEquals("p99", alarm.get("ExtendedStatistic"));
    }

    @Test
    void theStreamConsumersIteratorAgeAlarms() {
        Map<String, Object> alarm = alarm("StreamIteratorAge");
        assertEquals("IteratorAge", alarm.get("MetricName"));
        assertEquals("AWS/Lambda", alarm.get("Namespace"));
        assertTrue(alarm.get("Dimensions").toString().contains("PresenceStreamFunction"), alarm.toString());
    }

    @Test
    void everyDeadLetterQueueAlarmsOnItsFirstMessage() {
        List<Map<String, Object>> depth = alarms.values().stream().map(MonitoringTest::props)
                .filter(p -> "ApproximateNumberOfMessagesVisible".equals(p.get("MetricName"))).toList();
        assertEquals(deadLetterQueues, depth.size());
        assertTrue(deadLetterQueues >= 3, "stream, schedule and calendar bus each have one");
        depth.forEach(p -> {
            assertEquals(0.0, ((Number) p.get("Threshold")).doubleValue());
            assertEquals("GreaterThanThreshold", p.get("ComparisonOperator"));
        });
    }

    @Test
    void throttledDynamoDbRequestsAlarm() {
        String metrics = alarm("DynamoDbThrottles").get("Metrics").toString();
        assertTrue(metrics.contains("ReadThrottleEvents") && metrics.contains("WriteThrottleEvents"), metrics);
    }

    @Test
    void everyFunctionAlarmsOnItsErrorsAndThrottles() {
        List<String> lambda = alarms.entrySet().stream().filter(e -> e.getKey().contains("ErrorsOrThrottles"))
                .map(e -> props(e.getValue()).get("Metrics").toString()).toList();
        assertEquals(functions, lambda.size());
        lambda.forEach(m -> assertTrue(m.contains("Errors") && m.contains("Throttles"), m));
        alarm("PresenceStreamFunctionErrorsOrThrottles");
        alarm("TokenAuthorizerFunctionErrorsOrThrottles");
    }

    @Test
    void theDashboardShowsTheServicesOwnMetricsAndTheAlarms() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        Map<String, Map<String, Object>> dashboards = template.findResources("AWS::CloudWatch::Dashboard");
        String body = props(dashboards.values().iterator().next()).get("DashboardBody").toString();
        for (String shown : List.of("Requests", "Http5xx", "Http429", "Latency", "NotificationsDelivered",
                "NotificationsDropped", "DeliveryDelay", "StreamLag", "IteratorAge", "ScheduleLateness",
                "CalendarMalformed", "ApproximateNumberOfMessagesVisible", "\"type\":\"alarm\"")) {
            assertTrue(body.contains(shown), shown + " on the dashboard");
        }
    }

    @Test
    void everyFunctionIsTracedWithXRay() {
        main.allResourcesProperties("AWS::Lambda::Function", Map.of("TracingConfig", Map.of("Mode", "Active")));
        main.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Handler",
                "io.graphpresence.delivery.PresenceStreamFunction")));
    }
}
