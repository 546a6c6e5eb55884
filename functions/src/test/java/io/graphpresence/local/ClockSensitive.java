package io.graphpresence.local;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose outcome could depend on where the test clock stands against the
 * machine's: subscriptions, deliveries and calendar items, which carry a TTL in AWS. The
 * build runs these three times, with {@link FunctionHarness#START} 30 days behind the real
 * date, at it and 30 days ahead ({@code functions/pom.xml}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(ClockSensitive.TAG)
public @interface ClockSensitive {
    String TAG = "clock-sensitive";
}
