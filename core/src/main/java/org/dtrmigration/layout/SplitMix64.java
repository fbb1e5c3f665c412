package org.dtrmigration.layout;

/**
 * SplitMix64, written out here so generated trees are byte-identical on every JDK (the JDK's own
 * generators do not promise a stable sequence across versions, except java.util.Random, which is slow).
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [min, max]. */
    int nextInt(int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException("max < min");
        }
        long span = (long) max - min + 1;
        return (int) (min + Long.remainderUnsigned(nextLong(), span));
    }

    void nextBytes(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            long v = nextLong();
            for (int b = 0; b < 8 && i < to; b++, i++) {
                bytes[i] = (byte) v;
                v >>>= 8;
            }
        }
    }

    /** A well-mixed seed for a child stream, derived from a parent seed and some coordinates. */
    static long derive(long seed, long... coordinates) {
        long h = mix(seed ^ 0x632BE59BD9B4E019L);
        for (long c : coordinates) {
            h = mix(h ^ mix(c + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
