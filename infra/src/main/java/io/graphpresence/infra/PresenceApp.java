package io.graphpresence.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code cdk synth}/{@code cdk deploy} (through cdk.json) or {@code ../mvnw -q compile exec:java}:
 * the stack for the functions jar built by {@code ./mvnw -q package -DskipTests}.
 */
public final class PresenceApp {

    private static final Path FUNCTIONS = Path.of("..", "functions");

    private PresenceApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Path jar = FUNCTIONS.resolve("target/functions-" + System.getProperty("presence.version") + "-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the functions first (./mvnw -q package -DskipTests): " + jar
                    + " is missing.");
        }
        PresenceStack.Settings settings = new PresenceStack.Settings(jar,
                ApiRoutes.read(FUNCTIONS.resolve("src/main/resources/api-routes.json")),
                TableDefinition.read(FUNCTIONS.resolve("src/main/resources/table-schema.json")),
                setting(app, "issuer", "PRESENCE_AUTH_ISSUER", null),
                setting(app, "audience", "PRESENCE_AUTH_AUDIENCE", "api://presence"),
                setting(app, "jwksUrl", "PRESENCE_AUTH_JWKS_URL", null),
                !"false".equals(String.valueOf(app.getNode().tryGetContext("deletionProtection"))));
        Nag.suppressKnownFindings(new PresenceStack(app, "GraphPresence", StackProps.builder().build(), settings));
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
    }

    /** A context value ({@code -c name=value}), else an environment variable, else the default. */
    private static String setting(App app, String context, String environment, String fallback) {
        Object value = app.getNode().tryGetContext(context);
        String chosen = value != null ? value.toString() : System.getenv(environment);
        if (chosen == null) {
            chosen = fallback;
        }
        if (chosen == null) {
            throw new IllegalStateException("Say which token issuer to trust: -c " + context + "=... or "
                    + environment + "=...");
        }
        return chosen;
    }
}
