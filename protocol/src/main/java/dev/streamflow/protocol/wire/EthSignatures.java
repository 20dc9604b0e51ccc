package dev.streamflow.protocol.wire;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.key.Signatures;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * Verification of the 65-byte {@code r || s || v} signatures of the protocol, as strict as go-livepeer's
 * {@code crypto/verify.go} and OpenZeppelin: exact length, v of 27 or 28, r and s in range and s low.
 */
public final class EthSignatures {
    public static final int LENGTH = 65;
    private static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final BigInteger HALF_ORDER = CURVE_ORDER.shiftRight(1);

    private EthSignatures() {
    }

    /** Why {@code sig} is not an acceptable signature, or empty if its form is fine. */
    public static Optional<String> formProblem(byte[] sig) {
        if (sig == null || sig.length != LENGTH) {
            return Optional.of("invalid signature length " + (sig == null ? 0 : sig.length) + " (want " + LENGTH + ")");
        }
        int v = sig[64] & 0xff;
        if (v != 27 && v != 28) {
            return Optional.of("signature v value must be 27 or 28, not " + v);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        if (r.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0 || s.signum() == 0) {
            return Optional.of("signature r or s value out of range");
        }
        if (s.compareTo(HALF_ORDER) > 0) {
            return Optional.of("signature s value too high");
        }
        return Optional.empty();
    }

    /** True if {@code sig} is well formed and signs {@code EIP191(message)} with the key of {@code signer}. */
    public static boolean verifyPersonal(byte[] signer, byte[] message, byte[] sig) {
        if (signer == null || signer.length != 20 || formProblem(sig).isPresent()) {
            return false;
        }
        try {
            Address recovered = Signatures.recoverPersonal(message, new Signature(sig.clone()));
            return recovered != null && Arrays.equals(recovered.bytes(), signer);
        } catch (RuntimeException e) {
            return false; // a signature that recovers to no point on the curve
        }
    }

    public static byte[] keccak256(byte[] data) {
        return Signatures.keccak256(data);
    }
}
