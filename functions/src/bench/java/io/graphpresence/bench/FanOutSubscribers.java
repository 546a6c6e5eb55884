package io.graphpresence.bench;

import java.time.Duration;

/** Subscribers of a fan-out benchmark, each on its own loopback port: their URLs and the POSTs they got. */
interface FanOutSubscribers extends AutoCloseable {

    /** A notification POST to subscriber {@code receiver}, read whole at {@code atNanos} ({@code System.nanoTime()}). */
    record Post(int receiver, String body, long atNanos) {
    }

    /** The notification URL of subscriber {@code i}. */
    String url(int i);

    /** The next POST, or null when none came within {@code timeout}. */
    Post next(Duration timeout) throws InterruptedException;

    /** How many POSTs came within {@code quiet} of the previous one. */
    default int drain(Duration quiet) throws InterruptedException {
        int n = 0;
        while (next(quiet) != null) {
            n++;
        }
        return n;
    }
}
