package dev.govwatch.extractor.internal;

import java.util.Random;

/** Random strings over an alphabet, for tests that hold a hand-written test against the expression it replaced. */
final class RandomText {

    private RandomText() {
    }

    /** A string of {@code minLength} to {@code maxLength} characters (exclusive) drawn from {@code alphabet}. */
    static String of(Random random, CharSequence alphabet, int minLength, int maxLength) {
        StringBuilder s = new StringBuilder();
        int length = minLength + random.nextInt(maxLength - minLength);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
