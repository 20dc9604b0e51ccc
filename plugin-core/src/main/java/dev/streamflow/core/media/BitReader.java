package dev.streamflow.core.media;

/** Reads an H.264 RBSP (emulation prevention already removed) bit by bit, MSB first. */
final class BitReader {
    private static final int MAX_LEADING_ZEROS = 31;

    private final byte[] data;
    private final String what;
    private long position;

    BitReader(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    long position() {
        return position;
    }

    boolean flag() {
        return bit() == 1;
    }

    /** u(n), n ≤ 32. */
    long bits(int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 1) | bit();
        }
        return value;
    }

    int u(int count) {
        return (int) bits(count);
    }

    /** ue(v): Exp-Golomb, at most 2^32 − 2. */
    long ue() {
        int leadingZeros = 0;
        while (bit() == 0) {
            if (++leadingZeros > MAX_LEADING_ZEROS) {
                throw new MalformedMediaException(what + ": Exp-Golomb code longer than 32 bits at bit " + position);
            }
        }
        return (1L << leadingZeros) - 1 + bits(leadingZeros);
    }

    /** ue(v) that must lie in [0, max]. */
    int ue(String field, int max) {
        long value = ue();
        if (value > max) {
            throw new MalformedMediaException(what + ": " + field + " = " + value + " exceeds " + max);
        }
        return (int) value;
    }

    /** se(v). */
    long se() {
        long k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    private int bit() {
        if (position >= (long) data.length * 8) {
            throw new MalformedMediaException(what + " ends early (" + data.length + " bytes)");
        }
        int b = (data[(int) (position >>> 3)] >> (7 - (int) (position & 7))) & 1;
        position++;
        return b;
    }
}
