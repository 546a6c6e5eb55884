package io.graphpresence.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthesized template, asserted: table, functions, routes, authorizer, least privilege, cdk-nag. */
class PresenceStackTest {

    private static final List<ApiRoute> ROUTES =
            ApiRoutes.read(Path.of("..", "functions", "src", "main", "resources", "api-routes.json"));

    private static PresenceStack stack;
    private static Template template;
    private static Template unprotected;
    private static Map<String, Map<String, Object>> resources;

    @BeforeAll
    static void synthesize(@TempDir Path dir) throws IOException {
        Path stub = stubJar(dir.resolve("functions-stub.jar"));
        // one App for the class: synthesis boots Node once
        App app = new App();
        stack = new PresenceStack(app, "Tested", StackProps.builder().build(), settings(stub, true));
        Nag.suppressKnownFindings(stack);
        PresenceStack forTests = new PresenceStack(app, "Disposable", StackProps.builder().build(),
                settings(stub, false));
        Aspects.of(app).add(new AwsSolutionsChecks());
        template = Template.fromStack(stack);
        unprotected = Template.fromStack(forTests);
        resources = resources(template);
    }

    private static PresenceStack.Settings settings(Path jar, boolean deletionProtection) {
        return new PresenceStack.Settings(jar, ROUTES, "https://login.example.com/v2.0", "api://presence",
                "https://login.example.com/keys", deletionProtection);
    }

    @Test
    void theTableHasTheKeysTtlStreamAndBackups() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST",
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "DeletionProtectionEnabled", true));
        unprotected.hasResourceProperties("AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", false));
    }

    @Test
    void oneFunctionPerHandlerOnJava21ArmWithSnapStart() {
        Set<String> handlers = new TreeSet<>();
        ROUTES.forEach(r -> handlers.add(r.handlerClass()));
        handlers.add(FunctionPermissions.AUTHORIZER);
        template.resourceCountIs("AWS::Lambda::Function", handlers.size());
        template.resourceCountIs("AWS::Lambda::Alias", handlers.size());
        for (String handler : handlers) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", handler,
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "TracingConfig", Map.of("Mode", "Active"),
                    "LoggingConfig", Map.of("LogFormat", "JSON")));
        }
        assertFalse(handlers.stream().anyMatch(h -> h.contains("::")), "Micronaut's short handler form");
    }

    @Test
    void everyRouteGoesThroughTheAuthorizerToItsFunction() {
        template.resourceCountIs("AWS::ApiGatewayV2::Route", ROUTES.size());
        Map<String, String> handlerByRouteKey = new HashMap<>();
        for (Map<String, Object> route : ofType("AWS::ApiGatewayV2::Route")) {
            Map<String, Object> properties = properties(route);
            assertEquals("CUSTOM", properties.get("AuthorizationType"), properties::toString);
            String integration = joined(properties.get("Target")).replace("integrations/", "");
            handlerByRouteKey.put((String) properties.get("RouteKey"), handlerOfIntegration(integration));
        }
        Map<String, String> expected = ROUTES.stream()
                .collect(Collectors.toMap(r -> r.method() + " " + r.path(), ApiRoute::handlerClass));
        assertEquals(expected, handlerByRouteKey);
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "REQUEST", "EnableSimpleResponses", true, "AuthorizerPayloadFormatVersion", "2.0",
                "AuthorizerResultTtlInSeconds", 300, "IdentitySource", List.of("$request.header.Authorization")));
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "$default",
                "DefaultRouteSettings", Match.objectLike(Map.of("ThrottlingRateLimit", 1000))));
    }

    @Test
    void eachRoleMayDoOnlyItsHandlersActionsOnTheTableOnly() {
        String tableId = logicalIdOf("AWS::DynamoDB::Table");
        for (Map.Entry<String, Map<String, Object>> function : entriesOf("AWS::Lambda::Function")) {
            String handler = (String) properties(function.getValue()).get("Handler");
            String role = ((Map<?, ?>) properties(function.getValue()).get("Role")).toString();
            List<Map<String, Object>> dynamoStatements = statementsOfRole(role).stream()
                    .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:"))).toList();
            assertEquals(1, dynamoStatements.size(), handler);
            Map<String, Object> statement = dynamoStatements.get(0);
            assertEquals(new TreeSet<>(FunctionPermissions.of(handler)), new TreeSet<>(actions(statement)), handler);
            assertEquals(Map.of("Fn::GetAtt", List.of(tableId, "Arn")), statement.get("Resource"), handler);
        }
        String all = template.toJSON().toString();
        assertFalse(all.contains("dynamodb:*"), "no wildcard DynamoDB action");
    }

    @Test
    void cdkNagFindsNothingUnexplained() {
        var errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertTrue(errors.isEmpty(), () -> errors.stream().map(e -> e.getEntry().getData().toString())
                .collect(Collectors.joining("\n")));
    }

    @Test
    void theOutputsNameTheApiAndTheTable() {
        template.hasOutput("ApiUrl", Map.of());
        template.hasOutput("TableName", Map.of());
    }

    // ---- reading the template

    private static String handlerOfIntegration(String integrationId) {
        Object uri = properties(resources.get(integrationId)).get("IntegrationUri");
        String aliasId = (String) ((Map<?, ?>) uri).get("Ref");
        Object version = properties(resources.get(aliasId)).get("FunctionName");
        String functionId = (String) ((Map<?, ?>) version).get("Ref");
        return (String) properties(resources.get(functionId)).get("Handler");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOfRole(String roleRef) {
        return entriesOf("AWS::IAM::Policy").stream()
                .filter(p -> ((List<Object>) properties(p.getValue()).get("Roles")).toString().contains(
                        roleRef.replaceAll(".*\\[(\\w+), Arn].*", "$1")))
                .flatMap(p -> ((List<Map<String, Object>>) ((Map<String, Object>) properties(p.getValue())
                        .get("PolicyDocument")).get("Statement")).stream())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> actions(Map<String, Object> statement) {
        Object actions = statement.get("Action");
        return actions instanceof List<?> list ? (List<String>) list : List.of((String) actions);
    }

    private static String joined(Object target) {
        if (target instanceof String s) {
            return s;
        }
        @SuppressWarnings("unchecked")
        List<Object> parts = (List<Object>) ((List<Object>) ((Map<?, ?>) target).get("Fn::Join")).get(1);
        return parts.stream().map(p -> p instanceof Map<?, ?> m ? (String) m.get("Ref") : (String) p)
                .collect(Collectors.joining());
    }

    private static String logicalIdOf(String type) {
        return entriesOf(type).get(0).getKey();
    }

    private static List<Map<String, Object>> ofType(String type) {
        return entriesOf(type).stream().map(Map.Entry::getValue).toList();
    }

    private static List<Map.Entry<String, Map<String, Object>>> entriesOf(String type) {
        return resources.entrySet().stream().filter(e -> type.equals(e.getValue().get("Type"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(Template template) {
        return (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
    }

    /** A few bytes in jar form: enough for an asset, nothing of the functions module. */
    private static Path stubJar(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("stub.txt"));
            zip.write("stub".getBytes());
            zip.closeEntry();
        }
        return file;
    }
}
