package org.chancery.bench;

import org.HdrHistogram.Histogram;

/**
 * Recorded latencies, in nanoseconds, and their percentiles: an HdrHistogram, three significant
 * digits, in constant memory however long the run.
 */
final class Latencies {

    private final Histogram histogram = new Histogram(3);

    void add(long nanos) {
        histogram.recordValue(Math.max(0, nanos));
    }

    int count() {
        return (int) histogram.getTotalCount();
    }

    /** The q-quantile in milliseconds. */
    double percentileMs(double q) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(q * 100) / 1e6;
    }

    double maxMs() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1e6;
    }

    double meanMs() {
        return count() == 0 ? Double.NaN : histogram.getMean() / 1e6;
    }
}
