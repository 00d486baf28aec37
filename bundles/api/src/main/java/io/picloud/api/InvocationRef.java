package io.picloud.api;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The name a run gets before it runs, returned to HTTP callers as {@code X-PiCloud-Invocation} and kept in the
 * invocation log so that a caller can find its run ({@code GET /api/v1/invocations/{ref}}). Written
 * {@code <start>-<random>}: the run's start in microseconds since the epoch and 50 random bits, both in base 36
 * (e.g. {@code 1b2x9k3m4qpc-0f3k2m9x1d}). The start lets a lookup skip every log batch whose newest run started
 * earlier; the random part keeps refs apart across nodes.
 */
public final class InvocationRef {
    private static final int RANDOM_CHARS = 10;
    private static final long RANDOM_BOUND = 3_656_158_440_062_976L; // 36^10

    private InvocationRef() {
    }

    /** A new ref for a run starting at {@code start}. */
    public static String next(Instant start) {
        long micros = Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000L), start.getNano() / 1_000);
        long random = ThreadLocalRandom.current().nextLong(RANDOM_BOUND);
        // written into one array: the start's digits, '-', the random part zero-padded to RANDOM_CHARS digits
        char[] out = new char[13 + 1 + RANDOM_CHARS];
        int at = out.length;
        for (int i = 0; i < RANDOM_CHARS; i++, random /= 36) {
            out[--at] = Character.forDigit((int) (random % 36), 36);
        }
        out[--at] = '-';
        do {
            out[--at] = Character.forDigit((int) (micros % 36), 36);
            micros /= 36;
        } while (micros > 0);
        return new String(out, at, out.length - at);
    }

    /** The start written in a ref (to the microsecond); null when {@code text} is not a ref. */
    public static Instant startOf(String text) {
        if (text == null) {
            return null;
        }
        int dash = text.indexOf('-');
        if (dash < 1 || dash > 13 || text.length() != dash + 1 + RANDOM_CHARS
                || !text.matches("[0-9a-z]+-[0-9a-z]+")) {
            return null;
        }
        long micros;
        try {
            micros = Long.parseLong(text.substring(0, dash), 36);
        } catch (NumberFormatException e) {
            return null;
        }
        return micros < 0 ? null : Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
    }
}
