package dev.streamflow.protocol.wire;

import dev.streamflow.pm.key.EthereumKey;

import java.util.List;

/**
 * The orchestrator's signature over a transcode result (reference §3.7):
 * {@code EthSign(EIP191(keccak256(keccak256(r_1) || ... || keccak256(r_n))))}, renditions in profile order.
 */
public final class ResultSignature {

    private ResultSignature() {
    }

    /** The 32 bytes that get the EIP-191 prefix. */
    public static byte[] digest(List<byte[]> renditions) {
        byte[] hashes = new byte[32 * renditions.size()];
        for (int i = 0; i < renditions.size(); i++) {
            System.arraycopy(EthSignatures.keccak256(renditions.get(i)), 0, hashes, 32 * i, 32);
        }
        return EthSignatures.keccak256(hashes);
    }

    public static byte[] sign(EthereumKey key, List<byte[]> renditions) {
        return key.signPersonal(digest(renditions)).bytes();
    }

    public static boolean verify(byte[] orchestratorAddress, List<byte[]> renditions, byte[] sig) {
        return EthSignatures.verifyPersonal(orchestratorAddress, digest(renditions), sig);
    }
}
