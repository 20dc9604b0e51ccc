package dev.streamflow.pm.key;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.MessageDigest;

/** A secp256k1 private key with its address. Never prints, logs or serialises the key itself. */
public final class EthereumKey {
    private final byte[] privateKey;
    private final byte[] publicKey;
    private final Address address;
    private final Curve curve;

    private EthereumKey(byte[] privateKey32, Curve curve) {
        this.privateKey = validPrivateKey(privateKey32).clone();
        this.curve = curve;
        this.publicKey = curve.publicKey(this.privateKey);
        this.address = Address.fromPublicKey(publicKey);
    }

    public static EthereumKey generate(SecureRandom random) {
        byte[] candidate = new byte[32];
        do {
            random.nextBytes(candidate);
        } while (!isValidPrivateKey(candidate));
        return new EthereumKey(candidate, Curves.best());
    }

    public static EthereumKey fromPrivateKey(byte[] privateKey32) {
        return new EthereumKey(privateKey32, Curves.best());
    }

    static EthereumKey fromPrivateKey(byte[] privateKey32, Curve curve) {
        return new EthereumKey(privateKey32, curve);
    }

    public Address address() {
        return address;
    }

    /** Raw ECDSA over a 32-byte hash: RFC 6979, low s, v 27/28. */
    public Signature signHash(byte[] hash32) {
        Signatures.requireHash(hash32);
        byte[] signed = curve.sign(hash32, privateKey, publicKey);
        return Signature.of(signed, signed[64]);
    }

    /** EIP-191 personal_sign: signs keccak256("\x19Ethereum Signed Message:\n" + len + message). */
    public Signature signPersonal(byte[] message) {
        return signHash(Signatures.personalHash(message));
    }

    /** The 32 private-key bytes, for the keystore only. The caller must not log or keep them. */
    public byte[] exportPrivateKey() {
        return privateKey.clone();
    }

    @Override
    public String toString() {
        return "EthereumKey[" + address + ", private key redacted]";
    }

    private static byte[] validPrivateKey(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("a private key is 32 bytes, got " + (key == null ? "null" : key.length));
        }
        if (!isValidPrivateKey(key)) {
            throw new IllegalArgumentException("a private key must be in [1, n-1] of secp256k1");
        }
        return key;
    }

    private static boolean isValidPrivateKey(byte[] key) {
        BigInteger k = new BigInteger(1, key);
        return k.signum() > 0 && k.compareTo(Signature.CURVE_ORDER) < 0;
    }

    /** Equal when the private keys are equal (compared in constant time). */
    @Override
    public boolean equals(Object other) {
        return other instanceof EthereumKey that && MessageDigest.isEqual(privateKey, that.privateKey);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }
}
