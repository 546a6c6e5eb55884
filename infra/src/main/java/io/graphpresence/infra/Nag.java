package io.graphpresence.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Stack;

import java.util.List;

/** cdk-nag's AwsSolutions findings this stack keeps, each with the reason it is right here. */
final class Nag {

    private Nag() {
    }

    static void suppressKnownFindings(Stack stack) {
        NagSuppressions.addStackSuppressions(stack, List.of(
                suppress("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole only lets a function write its own"
                        + " CloudWatch logs; a hand-written copy would say the same."),
                suppress("AwsSolutions-IAM5", "X-Ray's PutTraceSegments and PutTelemetryRecords accept no"
                        + " resource but '*'; DynamoDB statements name the table only (asserted in tests)."),
                suppress("AwsSolutions-L1", "Java 21 is the newest Java runtime Lambda SnapStart supports for"
                        + " this code; the functions are Java 17 bytecode.")));
    }

    private static NagPackSuppression suppress(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
