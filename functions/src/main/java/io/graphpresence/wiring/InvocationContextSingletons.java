package io.graphpresence.wiring;

import com.amazonaws.services.lambda.runtime.Context;
import io.graphpresence.observe.RequestLog;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Replaces Micronaut's per-invocation registration of the Lambda {@link Context} (and its
 * logger, client context and identity) as singletons. Micronaut registers them again on every
 * call, each one a new bean definition the context keeps, so a warm function got slower with
 * every request it served (the benchmark saw one call go from 0.7 ms to 25 ms over 15,000
 * calls). No bean here asks for the invocation context, so there is nothing to register.
 * Micronaut calls this on the invocation's thread before the handler runs, which makes it the
 * place to put Lambda's request id and X-Ray trace id into the logging context.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
final class InvocationContextSingletons implements LambdaContextFactory {

    @Override
    public void registerSingletons(Context context) {
        // no singletons: see the class comment
        RequestLog.invocation(context == null ? null : context.getAwsRequestId(),
                System.getProperty("com.amazonaws.xray.traceHeader"));
    }
}
