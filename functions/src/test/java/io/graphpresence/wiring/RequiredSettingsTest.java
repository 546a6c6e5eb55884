package io.graphpresence.wiring;

import io.graphpresence.api.GetPresenceFunction;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A function started without a setting it needs stops at initialization, naming the setting,
 * instead of running against a default nobody chose. The context is built as Lambda builds it
 * (its environments, every singleton created at start) from environment variables.
 */
class RequiredSettingsTest {

    @Test
    void theDeployedEnvironmentStartsEveryBean() {
        try (ApplicationContext context = startAsLambda(DeployedFunctions.environment())) {
            PresenceSettings settings = context.getBean(PresenceSettings.class);
            assertEquals("GraphPresence-PresenceTable-1A2B3C", settings.tableName());
            assertEquals("https://login.example.com/tenant/discovery/v2.0/keys", settings.jwksUrl());
            assertEquals(null, settings.jwks(), "PRESENCE_AUTH_JWKS_URL is not mistaken for inline keys");
        }
    }

    @ParameterizedTest
    @MethodSource("requiredSettings")
    void aMissingSettingStopsTheStartNamingIt(String variable) {
        Map<String, Object> environment = DeployedFunctions.environment();
        environment.remove(variable);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> startAsLambda(environment).close());
        assertTrue(messages(failure).contains("Missing setting " + variable), messages(failure));
    }

    @Test
    void anEmptyTableNameIsMissingToo() {
        Map<String, Object> environment = DeployedFunctions.environment();
        environment.put("PRESENCE_TABLE_NAME", " ");
        RuntimeException failure = assertThrows(RuntimeException.class, () -> startAsLambda(environment).close());
        assertTrue(messages(failure).contains("Missing setting PRESENCE_TABLE_NAME"), messages(failure));
    }

    /** The real thing: a fresh JVM with only the environment given, the handler's no-argument constructor. */
    @Test
    void aFunctionInitializedAsLambdaDoesItRefusesToStartWithoutItsTable() throws Exception {
        Map<String, Object> environment = DeployedFunctions.environment();
        Probe started = initialize(GetPresenceFunction.class, environment);
        assertEquals(0, started.exitCode(), started.output());
        assertTrue(started.output().contains("initialized " + GetPresenceFunction.class.getName()), started.output());

        environment.remove("PRESENCE_TABLE_NAME");
        Probe refused = initialize(GetPresenceFunction.class, environment);
        assertNotEquals(0, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("Missing setting PRESENCE_TABLE_NAME (property presence.table.name)"),
                refused.output());
    }

    static List<String> requiredSettings() {
        return DeployedFunctions.REQUIRED;
    }

    private static ApplicationContext startAsLambda(Map<String, Object> environment) {
        return new LambdaApplicationContextBuilder()
                .propertySources(PropertySource.of("lambda-environment", environment,
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start();
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private record Probe(int exitCode, String output) {
    }

    private static Probe initialize(Class<?> function, Map<String, Object> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                LambdaInitProbe.class.getName(), function.getName()))
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PRESENCE_") || name.startsWith("AWS_"));
        environment.forEach((name, value) -> builder.environment().put(name, (String) value));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe ends");
        return new Probe(process.exitValue(), output);
    }
}
