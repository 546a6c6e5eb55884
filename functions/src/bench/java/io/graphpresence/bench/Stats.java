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

    /** The median of independent blocks' figures, with their lowest and highest. */
    record Spread(double median, double min, double max) {

        static Spread of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Spread(round(median), round(sorted[0]), round(sorted[n - 1]));
        }

        /** True when the spread is wider than the median's distance to the target: the verdict could go either way. */
        boolean exceedsDistanceTo(double target) {
            return max - min > Math.abs(target - median);
        }
    }
}
