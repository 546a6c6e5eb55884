package io.graphpresence.infra;

import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an operator watches: one dashboard, and alarms that go to an SNS topic named at deploy
 * time (parameter {@value #TOPIC_PARAMETER} of the main stack). A nested stack of its own:
 * the main stack is close to CloudFormation's 500 resources, and an alarm per function would
 * pass it. The service's own metrics are the CloudWatch
 * Embedded Metric Format lines the functions write (namespace {@value #NAMESPACE}); the rest
 * are AWS's. README, "Operating it", says what each alarm means and what to check first.
 */
final class Monitoring extends NestedStack {

    static final String NAMESPACE = "GraphPresence";
    static final String TOPIC_PARAMETER = "AlarmTopicArn";
    /** Alarm when more than this share of API requests, in percent, answer 5xx. */
    static final double SERVER_ERROR_PERCENT = 1;
    static final double DELIVERY_DELAY_P99_MS = 2_000;
    /** Stream records older than this are not being kept up with. */
    static final double ITERATOR_AGE_MS = 60_000;

    /**
     * What is watched.
     *
     * @param functions  every function, by its short name
     * @param workQueues queues of work, each with the age past which its oldest message is stuck
     */
    record Watched(HttpApi api, Table table, Map<String, Alias> functions, Alias streamConsumer, List<Queue> deadLetterQueues,
                   Map<Queue, Duration> workQueues) {
    }

    private final ITopic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    Monitoring(Construct scope, String id, Watched watched) {
        super(scope, id);
        // a parameter of the stack that is deployed (cdk deploy --parameters AlarmTopicArn=...)
        CfnParameter topicArn = CfnParameter.Builder.create(scope, TOPIC_PARAMETER).type("String")
                .description("ARN of the SNS topic every alarm notifies").build();
        topic = Topic.fromTopicArn(this, "AlarmTopic", topicArn.getValueAsString());

        IMetric serverErrorRate = serverErrorRate(watched.api());
        alarm("Api5xxRate", serverErrorRate, SERVER_ERROR_PERCENT, 3,
                "More than " + SERVER_ERROR_PERCENT + "% of API requests answered 5xx in 3 of 5 minutes");
        Metric deliveryDelay = own("DeliveryDelay", "p99", Duration.minutes(5));
        alarm("NotificationDelayP99", deliveryDelay, DELIVERY_DELAY_P99_MS, 1,
                "p99 of change-to-delivery delay of notifications above 2 s over 5 minutes");
        IMetric iteratorAge = watched.streamConsumer().getVersion().getLambda().metric("IteratorAge",
                software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                        .statistic("Maximum").period(Duration.minutes(1)).build());
        alarm("StreamIteratorAge", iteratorAge, ITERATOR_AGE_MS, 5,
                "The table stream's consumer is more than a minute behind for 5 minutes");
        watched.workQueues().forEach((queue, stuckAfter) -> alarm(queue.getNode().getId() + "Age",
                queue.metricApproximateAgeOfOldestMessage(software.amazon.awscdk.services.cloudwatch.MetricOptions
                        .builder().statistic("Maximum").period(Duration.minutes(1)).build()),
                stuckAfter.toSeconds().doubleValue(), 1, "The oldest message of " + queue.getNode().getId()
                        + " is older than its longest wait: its work is not being done on time"));
        List<IMetric> queueDepths = new ArrayList<>();
        for (Queue queue : watched.deadLetterQueues()) {
            IMetric depth = queue.metricApproximateNumberOfMessagesVisible(
                    software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                            .statistic("Maximum").period(Duration.minutes(1)).build());
            queueDepths.add(depth);
            alarm(queue.getNode().getId() + "Depth", depth, 0, 1,
                    "A message waits in dead-letter queue " + queue.getNode().getId());
        }
        IMetric throttled = dynamoThrottles(watched.table());
        alarm("DynamoDbThrottles", throttled, 0, 1, "DynamoDB throttled requests to the table");
        List<IMetric> lambdaFailures = new ArrayList<>();
        watched.functions().forEach((name, alias) -> {
            // ids unique across the functions: the dashboard shows them all in one graph
            String n = Integer.toString(lambdaFailures.size());
            IMetric failures = MathExpression.Builder.create().label(name + " errors + throttles")
                    .expression("errors" + n + " + throttles" + n).period(Duration.minutes(1))
                    .usingMetrics(Map.of("errors" + n, alias.metricErrors(), "throttles" + n, alias.metricThrottles()))
                    .build();
            lambdaFailures.add(failures);
            alarm(name + "ErrorsOrThrottles", failures, 0, 1,
                    "Lambda function " + name + " failed (error, timeout) or was throttled");
        });
        dashboard(watched, serverErrorRate, deliveryDelay, iteratorAge, queueDepths, throttled, lambdaFailures);
    }

    List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    private static IMetric serverErrorRate(HttpApi api) {
        return MathExpression.Builder.create().label("5xx %").period(Duration.minutes(1))
                .expression("IF(requests > 0, 100 * errors / requests, 0)")
                .usingMetrics(Map.of("errors", api.metricServerError(), "requests", api.metricCount()))
                .build();
    }

    /** Throttled reads and writes of the table and its indexes. */
    private static IMetric dynamoThrottles(Table table) {
        var sum = software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                .statistic("Sum").period(Duration.minutes(1)).build();
        return MathExpression.Builder.create().label("DynamoDB throttle events").period(Duration.minutes(1))
                .expression("reads + writes")
                .usingMetrics(Map.of("reads", table.metric("ReadThrottleEvents", sum),
                        "writes", table.metric("WriteThrottleEvents", sum)))
                .build();
    }

    /** One of the metrics the functions write as EMF lines, across all their dimensions' aggregate. */
    static Metric own(String name, String statistic, Duration period) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).statistic(statistic).period(period)
                .build();
    }

    private void alarm(String id, IMetric metric, double threshold, int periods, String description) {
        Alarm alarm = Alarm.Builder.create(this, id).metric(metric).threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(periods == 3 ? 5 : periods).datapointsToAlarm(periods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description).build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.add(alarm);
    }

    private void dashboard(Watched watched, IMetric serverErrorRate, Metric deliveryDelay, IMetric iteratorAge,
                           List<IMetric> queueDepths, IMetric throttled, List<IMetric> lambdaFailures) {
        Duration minute = Duration.minutes(1);
        List<IWidget> widgets = List.of(
                AlarmStatusWidget.Builder.create().title("Alarms").width(24)
                        .alarms(new ArrayList<>(alarms)).build(),
                graph("API requests and errors", List.of(own("Requests", "Sum", minute), own("Http4xx", "Sum", minute),
                        own("Http5xx", "Sum", minute), own("Http429", "Sum", minute))),
                graph("API 5xx rate (%) and latency p99 (ms)", List.of(serverErrorRate, own("Latency", "p99", minute))),
                graph("Notifications", List.of(own("NotificationsDelivered", "Sum", minute),
                        own("NotificationsFailed", "Sum", minute), own("NotificationsRetried", "Sum", minute),
                        own("NotificationsCoalesced", "Sum", minute), own("NotificationsDropped", "Sum", minute))),
                graph("Change to delivery (ms)", List.of(deliveryDelay, own("DeliveryDelay", "p50", minute))),
                graph("Stream", List.of(own("StreamRecords", "Sum", minute), own("StreamFailures", "Sum", minute),
                        own("StreamLag", "Maximum", minute), iteratorAge)),
                graph("Schedule", List.of(own("ScheduleDueItems", "Sum", minute),
                        own("ScheduleLateness", "Maximum", minute))),
                graph("Calendar bus", List.of(own("CalendarAccepted", "Sum", minute), own("CalendarStale", "Sum", minute),
                        own("CalendarMalformed", "Sum", minute))),
                graph("Dead-letter queues", queueDepths),
                graph("DynamoDB", List.of(throttled,
                        watched.table().metricConsumedReadCapacityUnits(), watched.table().metricConsumedWriteCapacityUnits())),
                graph("Lambda errors + throttles", lambdaFailures));
        Dashboard.Builder.create(this, "Dashboard").widgets(List.of(widgets)).build();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).width(12).left(metrics).build();
    }
}
