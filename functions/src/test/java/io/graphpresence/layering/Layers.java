package io.graphpresence.layering;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Which package may use which, as rules over compiled classes under one root package: the
 * service's ({@code io.graphpresence}), or a set of deliberate violations that shows each rule
 * can fail.
 */
final class Layers {

    /** The rules: plain Java, with no handler, storage or platform type in them. */
    static final String[] DOMAIN = {"presence", "notify", "access", "directory", "limits"};

    /** Types that would tie a rule to AWS or to Micronaut (its DI annotations included). */
    static final String[] PLATFORM = {"io.micronaut..", "software.amazon..", "com.amazonaws..", "jakarta.inject.."};

    /** Everything that handles an event or touches the table: the domain never reaches out to it. */
    static final String[] OUTER = {"api", "admin", "subscriptions", "calendar", "delivery", "store", "wiring",
            "batch", "throttle", "webhook", "local"};

    /**
     * The handler packages, side by side above {@code api}: each uses the layers below it
     * (api, store, webhook, the rules), never another of them.
     */
    static final String[] HANDLERS = {"admin", "calendar", "subscriptions", "delivery", "batch"};

    private final String root;

    Layers(String root) {
        this.root = root;
    }

    ArchRule domainUsesNoPlatformType() {
        return noClasses().that().resideInAnyPackage(packages(DOMAIN))
                .should().dependOnClassesThat().resideInAnyPackage(PLATFORM)
                .because("the rules are plain Java with fast unit tests (README, How it is built)");
    }

    ArchRule domainUsesNoOuterPackage() {
        return noClasses().that().resideInAnyPackage(packages(DOMAIN))
                .should().dependOnClassesThat().resideInAnyPackage(packages(OUTER))
                .because("handlers and storage call the rules, never the other way");
    }

    ArchRule storeNeverUsesApi() {
        return noClasses().that().resideInAPackage(root + ".store..")
                .should().dependOnClassesThat().resideInAPackage(root + ".api..")
                .because("storage knows the table, not Graph's JSON or HTTP");
    }

    /** Every package but {@code local} is in the Lambda jar (functions/pom.xml shades out only local). */
    ArchRule nothingDeployedUsesLocal() {
        return noClasses().that().resideOutsideOfPackage(root + ".local..")
                .should().dependOnClassesThat().resideInAPackage(root + ".local..")
                .because("the Lambda jar leaves the local stack out, so a reference to it fails in AWS");
    }

    /** Siblings talk through the layer below them: no handler package uses another, nor api one of them. */
    ArchRule handlerSiblingsNeverUseEachOther() {
        List<ArchRule> rules = new ArrayList<>();
        for (String handler : HANDLERS) {
            String[] others = Arrays.stream(HANDLERS).filter(other -> !other.equals(handler)).toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(root + "." + handler + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(packages(others))
                    .because("sibling handler packages share only what lies below them (README, How it is built)")
                    // most violation packages hold no class; everyPackageARuleNamesHasClasses
                    // shows the service has classes in each of these
                    .allowEmptyShould(true));
        }
        rules.add(noClasses().that().resideInAPackage(root + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(HANDLERS))
                .because("api is the layer the other handler packages stand on"));
        return CompositeArchRule.of(rules);
    }

    String[] packages(String... names) {
        String[] qualified = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            qualified[i] = root + "." + names[i] + "..";
        }
        return qualified;
    }
}
