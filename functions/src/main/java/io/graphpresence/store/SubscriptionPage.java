package io.graphpresence.store;

import io.graphpresence.notify.Subscription;

import java.util.List;

/**
 * One page of an application's subscriptions, in id order.
 *
 * @param nextAfter the last id read, to continue after; null when there is nothing more
 */
public record SubscriptionPage(List<Subscription> subscriptions, String nextAfter) {
}
