package dev.streamflow.pm.key;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Arrays;

/** libsecp256k1 through secp256k1-kmp JNI. */
final class NativeCurve implements Curve {
    private final Secp256k1 secp;

    NativeCurve() {
        this.secp = Secp256k1.Companion.get();
    }

    @Override
    public byte[] publicKey(byte[] privateKey32) {
        return stripPrefix(secp.pubkeyCreate(privateKey32));
    }

    @Override
    public byte[] sign(byte[] hash32, byte[] privateKey32, byte[] publicKey64) {
        byte[] rs = secp.sign(hash32, privateKey32, null);
        // libsecp256k1's compact signature has no recovery id; find the one that yields our key.
        for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
            byte[] recovered = recoverOrNull(hash32, rs, recoveryId);
            if (recovered != null && Arrays.equals(stripPrefix(recovered), publicKey64)) {
                byte[] out = Arrays.copyOf(rs, 65);
                out[64] = (byte) recoveryId;
                return out;
            }
        }
        throw new IllegalStateException("no recovery id 0/1 reproduces the signing key");
    }

    @Override
    public byte[] recover(byte[] hash32, byte[] rs64, int recoveryId) {
        byte[] key = recoverOrNull(hash32, rs64, recoveryId);
        return key == null ? null : stripPrefix(key);
    }

    @Override
    public String name() {
        return "libsecp256k1 (secp256k1-kmp JNI)";
    }

    private byte[] recoverOrNull(byte[] hash32, byte[] rs64, int recoveryId) {
        try {
            return secp.ecdsaRecover(rs64, hash32, recoveryId);
        } catch (Secp256k1Exception e) {
            return null;
        }
    }

    private static byte[] stripPrefix(byte[] uncompressed65) {
        return Arrays.copyOfRange(uncompressed65, 1, 65);
    }
}
