package dev.streamflow.protocol.wire;

import dev.streamflow.pm.key.EthereumKey;

/** The Ping reply (reference §2.4): the orchestrator's {@code EthSign(EIP191(keccak256(value)))}. */
public final class PingSignature {

    private PingSignature() {
    }

    public static byte[] sign(EthereumKey key, byte[] value) {
        return key.signPersonal(EthSignatures.keccak256(value)).bytes();
    }

    public static boolean verify(byte[] orchestratorAddress, byte[] value, byte[] sig) {
        return EthSignatures.verifyPersonal(orchestratorAddress, EthSignatures.keccak256(value), sig);
    }
}
