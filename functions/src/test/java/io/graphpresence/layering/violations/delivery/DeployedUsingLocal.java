package io.graphpresence.layering.violations.delivery;

import io.graphpresence.layering.violations.local.LocalOnly;

/** Breaks a rule on purpose: a deployed class that needs the local stack. */
public class DeployedUsingLocal {

    public LocalOnly local() {
        return new LocalOnly();
    }
}
