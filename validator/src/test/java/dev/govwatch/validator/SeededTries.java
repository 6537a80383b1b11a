package dev.govwatch.validator;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeded tries for property tests as plain JUnit 5 parameterized tests. One run seed (random, or
 * {@code -Dgovwatch.seed=N} to repeat a run) draws every try; each try's name prints the run seed
 * and its index, so a failure names what repeats it.
 */
final class SeededTries {

    /** The seed of this JVM's run, printed once so a failing run can be repeated. */
    static final long RUN_SEED = Long.getLong("govwatch.seed", new Random().nextLong());

    static {
        System.out.println("property tries: -Dgovwatch.seed=" + RUN_SEED);
    }

    private SeededTries() {
    }

    /** {@code count} tries, each its arguments drawn from a generator seeded by the run seed and the try's index. */
    static Stream<Arguments> tries(String property, int count, Function<Random, Object[]> draw) {
        return IntStream.range(0, count).mapToObj(i -> {
            Random random = new Random(RUN_SEED * 31 + property.hashCode() * 1_000_003L + i);
            Object[] args = draw.apply(random);
            Object[] named = new Object[args.length + 1];
            named[0] = "seed " + RUN_SEED + " try " + i;
            System.arraycopy(args, 0, named, 1, args.length);
            return Arguments.of(named);
        });
    }
}
