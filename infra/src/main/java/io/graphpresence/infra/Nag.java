package io.graphpresence.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;

import java.util.List;

/** cdk-nag's AwsSolutions findings this stack keeps, each with the reason it is right here. */
final class Nag {

    private Nag() {
    }

    static void suppressKnownFindings(PresenceStack stack) {
        NagSuppressions.addStackSuppressions(stack, List.of(
                suppress("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole only lets a function write its own"
                        + " CloudWatch logs; a hand-written copy would say the same."),
                suppress("AwsSolutions-IAM5", "X-Ray's PutTraceSegments and PutTelemetryRecords, and DynamoDB's"
                        + " ListStreams (the stream consumer's, from grantStreamRead), accept no resource but '*';"
                        + " every other DynamoDB statement names the table, its stream or the one index it queries"
                        + " (asserted in tests)."),
                suppress("AwsSolutions-L1", "Java 21 is the newest Java runtime Lambda SnapStart supports for"
                        + " this code; the functions are Java 17 bytecode.")));
        // only on the dead-letter queues themselves: any other queue still needs its own
        stack.deadLetterQueues().forEach(queue -> NagSuppressions.addResourceSuppressions(queue, List.of(
                suppress("AwsSolutions-SQS3", "This queue is itself a dead-letter queue (of the stream's event"
                        + " source mapping, or of the target of the schedule's or the calendar bus's rule); what"
                        + " lands here is inspected by hand."))));
    }

    private static NagPackSuppression suppress(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
