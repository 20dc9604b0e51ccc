package dev.streamflow.pm.ticket;

import java.math.BigInteger;
import java.util.Arrays;

/** Conversions between BigInteger and the two byte encodings the protocol uses. */
public final class Uint256 {
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private Uint256() {
    }

    /** {@code u256(x)}: 32 bytes big-endian, left-padded. */
    public static byte[] toBytes32(BigInteger value) {
        requireUint256(value, "value");
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32); // drops the sign byte of 2^255 ≤ value
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    public static byte[] toBytes32(long value) {
        return toBytes32(BigInteger.valueOf(value));
    }

    /** {@code minBE(x)}: minimal big-endian bytes; zero is the empty string (Go big.Int.Bytes()). */
    public static byte[] minBigEndian(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative value has no unsigned encoding: " + value);
        }
        if (value.signum() == 0) {
            return new byte[0];
        }
        byte[] raw = value.toByteArray();
        return raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }

    /** Unsigned big-endian bytes of any length (an empty array is zero). */
    public static BigInteger fromBytes(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    static BigInteger requireUint256(BigInteger value, String name) {
        if (value == null || value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException(name + " must be a uint256, got " + value);
        }
        return value;
    }

    static byte[] requireBytes32(byte[] bytes, String name) {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        return bytes.clone();
    }
}
