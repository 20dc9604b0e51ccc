package dev.streamflow.protocol.wire;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;

import java.nio.charset.StandardCharsets;

/**
 * The GetOrchestrator request signature (reference §2.1): {@code EIP191(keccak256(s))} where {@code s} is the
 * sender's EIP-55 checksummed, 0x-prefixed address string. A lower-case address string does not verify.
 */
public final class AddressSignature {

    private AddressSignature() {
    }

    public static byte[] sign(EthereumKey key) {
        return key.signPersonal(message(key.address())).bytes();
    }

    public static boolean verify(byte[] address, byte[] sig) {
        return address != null && address.length == 20 && EthSignatures.verifyPersonal(address, message(new Address(address.clone())), sig);
    }

    /** keccak256 of the EIP-55 string, the 32 bytes that get the EIP-191 prefix. */
    static byte[] message(Address address) {
        return EthSignatures.keccak256(address.toString().getBytes(StandardCharsets.UTF_8));
    }
}
