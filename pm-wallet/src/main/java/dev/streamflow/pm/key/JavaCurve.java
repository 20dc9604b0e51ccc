package dev.streamflow.pm.key;

import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** Pure Java (web3j over Bouncy Castle); the fallback when the native library does not load. */
final class JavaCurve implements Curve {

    @Override
    public byte[] publicKey(byte[] privateKey32) {
        return Numeric.toBytesPadded(Sign.publicKeyFromPrivate(new BigInteger(1, privateKey32)), 64);
    }

    @Override
    public byte[] sign(byte[] hash32, byte[] privateKey32, byte[] publicKey64) {
        Sign.SignatureData data = Sign.signMessage(hash32, new ECKeyPair(new BigInteger(1, privateKey32), new BigInteger(1, publicKey64)), false);
        byte[] out = new byte[65];
        System.arraycopy(data.getR(), 0, out, 0, 32);
        System.arraycopy(data.getS(), 0, out, 32, 32);
        out[64] = (byte) (data.getV()[0] - 27);
        return out;
    }

    @Override
    public byte[] recover(byte[] hash32, byte[] rs64, int recoveryId) {
        ECDSASignature signature = new ECDSASignature(
                new BigInteger(1, Arrays.copyOfRange(rs64, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(rs64, 32, 64)));
        try {
            BigInteger key = Sign.recoverFromSignature(recoveryId, signature, hash32);
            return key == null ? null : Numeric.toBytesPadded(key, 64);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return "web3j/Bouncy Castle (pure Java)";
    }
}
