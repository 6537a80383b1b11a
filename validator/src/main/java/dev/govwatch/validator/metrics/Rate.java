package dev.govwatch.validator.metrics;

/**
 * A proportion with its sample size and Wilson 95 % score interval. A rate over fewer than
 * {@link #RANKED_FROM} cases is shown but never ranked: 1 of 2 requests refused says little.
 *
 * @param value  successes / n, or null when n = 0
 * @param n      the number of cases
 * @param low    lower bound of the interval (null when n = 0)
 * @param high   upper bound of the interval (null when n = 0)
 * @param ranked whether the rate takes part in league tables (n ≥ {@link #RANKED_FROM})
 */
public record Rate(Double value, long n, Double low, Double high, boolean ranked) {

    /** The smallest n that a league table ranks. */
    public static final long RANKED_FROM = 10;
    private static final double Z = 1.959963984540054;

    /** {@code successes} of {@code n}. */
    public static Rate of(long successes, long n) {
        if (n <= 0) {
            return new Rate(null, 0, null, null, false);
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Rate(p, n, Math.max(0, centre - half), Math.min(1, centre + half), n >= RANKED_FROM);
    }
}
