package io.graphpresence.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code cdk synth}/{@code cdk deploy} (through cdk.json) or {@code ../mvnw compile exec:exec}:
 * the stack for the functions jar built by {@code ./mvnw package -DskipTests}, written to
 * {@code $CDK_OUTDIR} (the CDK CLI sets it) or else {@code cdk.out}.
 */
public final class PresenceApp {

    private static final Path FUNCTIONS = Path.of("..", "functions");
    private static final String DEFAULT_OUTDIR = "cdk.out";

    private PresenceApp() {
    }

    public static void main(String[] args) {
        // without an outdir, an App run outside the CDK CLI writes to a temporary directory
        String outdir = System.getenv("CDK_OUTDIR");
        App app = App.Builder.create().outdir(outdir == null || outdir.isBlank() ? DEFAULT_OUTDIR : outdir).build();
        Path jar = FUNCTIONS.resolve("target/functions-" + System.getProperty("presence.version") + "-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the functions first (./mvnw package -DskipTests): " + jar
                    + " is missing.");
        }
        PresenceStack.Settings settings = new PresenceStack.Settings(jar,
                ApiRoutes.read(FUNCTIONS.resolve("src/main/resources/api-routes.json")),
                TableDefinition.read(FUNCTIONS.resolve("src/main/resources/table-schema.json")),
                setting(app, "issuer", "PRESENCE_AUTH_ISSUER", null),
                setting(app, "audience", "PRESENCE_AUTH_AUDIENCE", "api://presence"),
                setting(app, "jwksUrl", "PRESENCE_AUTH_JWKS_URL", null),
                !"false".equals(String.valueOf(app.getNode().tryGetContext("deletionProtection"))),
                browserOrigins(app.getNode().tryGetContext("boardOrigin")));
        Nag.suppressKnownFindings(new PresenceStack(app, "GraphPresence", StackProps.builder().build(), settings));
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
        System.out.println("Template written to " + Path.of(app.getOutdir()).toAbsolutePath().normalize()
                .resolve("GraphPresence.template.json"));
    }

    /** {@code -c boardOrigin=https://a.example,https://b.example}: pages there may call the API. */
    private static List<String> browserOrigins(Object context) {
        return context == null ? List.of() : Arrays.stream(context.toString().split(","))
                .map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }

    /** A context value ({@code -c name=value}), else an environment variable, else the default. */
    private static String setting(App app, String context, String environment, String fallback) {
        Object value = app.getNode().tryGetContext(context);
        String chosen = value != null ? value.toString() : System.getenv(environment);
        if (chosen == null) {
            chosen = fallback;
        }
        if (chosen == null) {
            throw new IllegalStateException("Missing setting " + environment + " (or -c " + context
                    + "=... with the CDK CLI): see docs/settings.md");
        }
        return chosen;
    }
}
