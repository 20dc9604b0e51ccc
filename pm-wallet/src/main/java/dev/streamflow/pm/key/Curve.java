package dev.streamflow.pm.key;

/** The secp256k1 operations the wallet needs; one native and one pure-Java implementation. */
interface Curve {
    /** Uncompressed public key without the 0x04 prefix: x(32) || y(32). */
    byte[] publicKey(byte[] privateKey32);

    /**
     * RFC 6979 deterministic, low-s: r(32) || s(32) || recoveryId(1) with recoveryId 0 or 1.
     * {@code publicKey64} is the key's own public key, used to pick the recovery id.
     */
    byte[] sign(byte[] hash32, byte[] privateKey32, byte[] publicKey64);

    /** The 64-byte public key, or null when (r, s, recoveryId) recovers no point. */
    byte[] recover(byte[] hash32, byte[] rs64, int recoveryId);

    String name();
}
