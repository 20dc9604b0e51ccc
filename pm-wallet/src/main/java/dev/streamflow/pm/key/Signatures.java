package dev.streamflow.pm.key;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256, EIP-191 hashing and signer recovery. */
public final class Signatures {
    private static final byte[] EIP191_PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);

    private Signatures() {
    }

    /** Ethereum's Keccak-256 (original 0x01 padding, not SHA3-256). */
    public static byte[] keccak256(byte[] data) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** EIP-191 personal-message hash: keccak256("\x19Ethereum Signed Message:\n" + decimal(len) + message). */
    public static byte[] personalHash(byte[] message) {
        byte[] length = Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII);
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(EIP191_PREFIX, 0, EIP191_PREFIX.length);
        digest.update(length, 0, length.length);
        digest.update(message, 0, message.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** The address whose key produced {@code sig} over the raw 32-byte {@code hash32}. */
    public static Address recoverHash(byte[] hash32, Signature sig) {
        return recoverHash(hash32, sig, Curves.best());
    }

    /** The address whose key signed {@code message} with EIP-191 ({@link EthereumKey#signPersonal}). */
    public static Address recoverPersonal(byte[] message, Signature sig) {
        return recoverHash(personalHash(message), sig);
    }

    /** Parses raw signature bytes (e.g. from the wire), then recovers; bad bytes give a {@link SignatureException}. */
    public static Address recoverPersonal(byte[] message, byte[] rawSignature) {
        return recoverPersonal(message, new Signature(rawSignature));
    }

    /** True when {@code sig} is a valid EIP-191 signature of {@code message} by {@code signer}; false on any defect. */
    public static boolean isPersonallySignedBy(byte[] message, byte[] rawSignature, Address signer) {
        try {
            return recoverPersonal(message, rawSignature).equals(signer);
        } catch (SignatureException e) {
            return false;
        }
    }

    static Address recoverHash(byte[] hash32, Signature sig, Curve curve) {
        requireHash(hash32);
        byte[] publicKey = curve.recover(hash32, sig.rs(), sig.recoveryId());
        if (publicKey == null) {
            throw new SignatureException("invalid signature: no public key recovers from it");
        }
        return Address.fromPublicKey(publicKey);
    }

    static void requireHash(byte[] hash32) {
        if (hash32 == null || hash32.length != 32) {
            throw new IllegalArgumentException("a hash to sign or recover is 32 bytes, got "
                    + (hash32 == null ? "null" : hash32.length));
        }
    }
}
