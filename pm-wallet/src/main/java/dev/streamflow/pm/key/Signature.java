package dev.streamflow.pm.key;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An Ethereum signature, 65 bytes {@code r(32) || s(32) || v(1)} with v 27 or 28 and low s — the only
 * form go-livepeer's verifier and the TicketBroker (OpenZeppelin ECDSA) accept. Construction rejects
 * anything else with a {@link SignatureException} carrying go-livepeer's message.
 */
public record Signature(byte[] bytes) {
    public static final int LENGTH = 65;
    /** Order of the secp256k1 group. */
    public static final BigInteger CURVE_ORDER =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

    public Signature {
        if (bytes == null || bytes.length != LENGTH) {
            throw new SignatureException("invalid signature length: " + (bytes == null ? "null" : bytes.length)
                    + " bytes, expected " + LENGTH);
        }
        int v = bytes[64] & 0xff;
        if (v != 27 && v != 28) {
            throw new SignatureException("signature v value must be 27 or 28, got " + v);
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
        if (s.compareTo(HALF_CURVE_ORDER) > 0) {
            throw new SignatureException("signature s value too high");
        }
        if (s.signum() == 0) {
            throw new SignatureException("signature s value is zero");
        }
        bytes = bytes.clone();
    }

    public static Signature fromHex(String hex) {
        return new Signature(Hex.decode(hex));
    }

    static Signature of(byte[] rs64, int recoveryId) {
        byte[] out = Arrays.copyOf(rs64, LENGTH);
        out[64] = (byte) (27 + recoveryId);
        return new Signature(out);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public BigInteger r() {
        return new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32));
    }

    public BigInteger s() {
        return new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
    }

    public int v() {
        return bytes[64] & 0xff;
    }

    int recoveryId() {
        return v() - 27;
    }

    byte[] rs() {
        return Arrays.copyOf(bytes, 64);
    }

    public String toHex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Signature that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Signature[0x" + toHex() + "]";
    }
}
