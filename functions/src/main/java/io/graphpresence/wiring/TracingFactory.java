package io.graphpresence.wiring;

import io.graphpresence.observe.Subsegments;
import io.graphpresence.observe.XRaySubsegments;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * X-Ray subsegments where Lambda traces the function (it sets AWS_XRAY_DAEMON_ADDRESS, which
 * Micronaut reads as this property); nothing recorded anywhere else.
 */
@Factory
public class TracingFactory {

    @Singleton
    Subsegments subsegments(@Value("${aws.xray.daemon.address:}") String daemonAddress) {
        return XRaySubsegments.fromDaemonAddress(daemonAddress);
    }
}
