package io.graphpresence.layering.violations.subscriptions;

import io.graphpresence.layering.violations.delivery.DeployedUsingLocal;

/** Breaks a rule on purpose: a handler package that uses its sibling instead of the layer below them. */
public class SubscriptionsUsingDelivery {

    public String deliver(DeployedUsingLocal delivery) {
        return delivery.toString();
    }
}
