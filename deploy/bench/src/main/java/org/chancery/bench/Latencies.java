package org.chancery.bench;

import java.util.Arrays;

/** Recorded latencies, in nanoseconds, and their percentiles. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    int count() {
        return count;
    }

    /** The q-quantile in milliseconds (nearest rank). */
    double percentileMs(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }

    double maxMs() {
        return percentileMs(1.0);
    }

    double meanMs() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += samples[i];
        }
        return count == 0 ? Double.NaN : sum / 1e6 / count;
    }
}
