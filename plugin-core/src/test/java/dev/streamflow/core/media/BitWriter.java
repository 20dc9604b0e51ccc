package dev.streamflow.core.media;

import java.io.ByteArrayOutputStream;

/** Writes H.264 syntax elements, for building parameter sets the encoders at hand never emit. */
final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int count;

    BitWriter u(int bits, long value) {
        for (int i = bits - 1; i >= 0; i--) {
            bit((int) (value >> i) & 1);
        }
        return this;
    }

    BitWriter flag(boolean value) {
        return bit(value ? 1 : 0);
    }

    BitWriter ue(long value) {
        long code = value + 1;
        int length = 64 - Long.numberOfLeadingZeros(code);
        u(length - 1, 0);
        return u(length, code);
    }

    BitWriter se(long value) {
        return ue(value > 0 ? 2 * value - 1 : -2 * value);
    }

    BitWriter bit(int b) {
        current = (current << 1) | b;
        if (++count == 8) {
            out.write(current);
            current = 0;
            count = 0;
        }
        return this;
    }

    /** rbsp_trailing_bits, then the RBSP. */
    byte[] finish() {
        bit(1);
        while (count != 0) {
            bit(0);
        }
        return out.toByteArray();
    }

    /** Inserts emulation prevention bytes: 00 00 0x (x ≤ 3) becomes 00 00 03 0x. */
    static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        int zeros = 0;
        for (byte value : rbsp) {
            int b = value & 0xFF;
            if (zeros >= 2 && b <= 3) {
                escaped.write(3);
                zeros = 0;
            }
            escaped.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return escaped.toByteArray();
    }
}
