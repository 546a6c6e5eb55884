package io.graphpresence.layering;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of README's "How it is built", held on the compiled classes: the rules use no
 * AWS or Micronaut type and no handler or storage package, {@code store} never uses {@code api},
 * and nothing deployed uses {@code local}. Each rule is also run over deliberate violations
 * (test classes under {@code layering.violations}) to show it can fail.
 */
class LayeringTest {

    private static final String SERVICE = "io.graphpresence";
    private static final String VIOLATIONS = "io.graphpresence.layering.violations";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVICE);

    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(VIOLATIONS);

    private static final Layers SERVICE_LAYERS = new Layers(SERVICE);
    private static final Layers BROKEN_LAYERS = new Layers(VIOLATIONS);

    @Test
    void theRulesUseNoAwsOrMicronautType() {
        SERVICE_LAYERS.domainUsesNoPlatformType().check(MAIN);
    }

    @Test
    void theRulesUseNoHandlerOrStoragePackage() {
        SERVICE_LAYERS.domainUsesNoOuterPackage().check(MAIN);
    }

    @Test
    void storeNeverUsesApi() {
        SERVICE_LAYERS.storeNeverUsesApi().check(MAIN);
    }

    @Test
    void handlerPackagesTalkThroughTheLayerBelowNeverToEachOther() {
        SERVICE_LAYERS.handlerSiblingsNeverUseEachOther().check(MAIN);
    }

    @Test
    void nothingDeployedUsesTheLocalStack() {
        SERVICE_LAYERS.nothingDeployedUsesLocal().check(MAIN);
    }

    /** A package left out of the import, or renamed, would make its rule hold over nothing. */
    @Test
    void everyPackageARuleNamesHasClasses() {
        for (String pkg : List.of("presence", "notify", "access", "directory", "limits", "store", "api", "local",
                "admin", "calendar", "subscriptions", "delivery", "batch", "webhook", "throttle")) {
            String name = SERVICE + "." + pkg;
            assertTrue(MAIN.stream().anyMatch(c -> c.getPackageName().equals(name)), name + " has no classes");
        }
    }

    @Test
    void eachRuleFailsOnADeliberateViolation() {
        List<Function<Layers, ArchRule>> rules = List.of(Layers::domainUsesNoPlatformType,
                Layers::domainUsesNoOuterPackage, Layers::storeNeverUsesApi, Layers::nothingDeployedUsesLocal,
                Layers::handlerSiblingsNeverUseEachOther);
        for (Function<Layers, ArchRule> rule : rules) {
            ArchRule broken = rule.apply(BROKEN_LAYERS);
            assertTrue(broken.evaluate(BROKEN).hasViolation(), broken::getDescription);
            assertFalse(rule.apply(SERVICE_LAYERS).evaluate(MAIN).hasViolation(), broken::getDescription);
        }
    }
}
