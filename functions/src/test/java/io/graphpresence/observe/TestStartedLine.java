package io.graphpresence.observe;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a line as each test starts (every test: registered through the service loader and
 * junit-platform.properties), so the logs of a test run say which tests wrote them:
 * {@code LogAuditTest} counts them, and a secret it finds is told with the test before it.
 */
public final class TestStartedLine implements BeforeEachCallback {

    static final String PREFIX = "test started: ";
    private static final Logger LOG = LoggerFactory.getLogger(TestStartedLine.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        // the method's name, not its display name: a parameterized test's shows its arguments
        LOG.info("{}{}#{}", PREFIX, context.getRequiredTestClass().getName(), context.getRequiredTestMethod().getName());
    }
}
