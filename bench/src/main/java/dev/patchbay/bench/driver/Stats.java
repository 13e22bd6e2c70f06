package dev.patchbay.bench.driver;

import java.util.Arrays;
import java.util.List;

/**
 * Median, minimum and maximum of a series of measurements.
 *
 * @param median the median (the mean of the two middle values for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param count how many values
 */
public record Stats(double median, double min, double max, int count) {

    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements to summarise");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], n);
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {median, min, max});
    }
}
