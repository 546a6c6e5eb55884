package io.graphpresence.bench;

import java.util.Arrays;

/** Median and p99 of measured durations, in milliseconds. */
record Stats(double medianMs, double p99Ms, int iterations) {

    static Stats of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Stats(sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted.length);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
