package io.graphpresence.layering.violations.presence;

import io.graphpresence.layering.violations.store.StoreUsingApi;
import io.micronaut.core.annotation.Nullable;

/** Breaks two rules on purpose: a domain rule with a Micronaut annotation that reaches into storage. */
public class RuleWithPlatformTypes {

    @Nullable
    public StoreUsingApi store() {
        return null;
    }
}
