package io.latchkey.schemas;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An administrator's {@code regexValidation.pattern}, run on values users send. Java's matcher backtracks, so a
 * pattern such as {@code (a+)+$} can take exponential time on a short value: each match reads its input through a
 * counter and gives up after a fixed number of reads, and a value that cannot be checked in time is refused.
 */
final class BoundedRegex {
    /** Character reads per match; ordinary patterns over values of a few hundred characters need far fewer. */
    static final int MAX_READS = 1_000_000;

    enum Outcome {
        MATCHES,
        DOES_NOT_MATCH,
        TOO_COSTLY
    }

    private final Pattern pattern;

    private BoundedRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /** The compiled pattern, or null with the reason in {@code problem[0]}. */
    static BoundedRegex compile(String regex, String[] problem) {
        try {
            return new BoundedRegex(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            problem[0] = e.getDescription();
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            problem[0] = "the pattern cannot be compiled";
            return null;
        }
    }

    /** Whether the whole value matches. */
    Outcome match(String value) {
        try {
            return pattern.matcher(new Counted(value)).matches() ? Outcome.MATCHES : Outcome.DOES_NOT_MATCH;
        } catch (TooCostly | StackOverflowError e) {
            return Outcome.TOO_COSTLY;
        }
    }

    private static final class TooCostly extends RuntimeException {
        TooCostly() {
            super(null, null, false, false);
        }
    }

    /** A string that counts its character reads and stops the matcher after {@link #MAX_READS}. */
    private static final class Counted implements CharSequence {
        private final String s;
        private final int[] reads;

        Counted(String s) {
            this(s, new int[1]);
        }

        private Counted(String s, int[] reads) {
            this.s = s;
            this.reads = reads;
        }

        @Override
        public char charAt(int index) {
            if (++reads[0] > MAX_READS) throw new TooCostly();
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(s.substring(start, end), reads);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
