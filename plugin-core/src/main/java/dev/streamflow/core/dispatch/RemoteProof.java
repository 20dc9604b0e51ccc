package dev.streamflow.core.dispatch;

import java.net.URI;
import java.util.List;

/**
 * An orchestrator's own statements about a result, for the verifier (reference §3.6, §3.7).
 *
 * @param orchestrator  where it was asked
 * @param address       the 20-byte address its offer names (empty if none), which should have signed the result
 * @param signature     the result signature over keccak256 of the rendition hashes, in profile order (may be empty
 *                      for an off-chain orchestrator)
 * @param claimedPixels {@code TranscodedSegmentData.pixels} per rendition, in ladder order
 */
public record RemoteProof(URI orchestrator, byte[] address, byte[] signature, List<Long> claimedPixels) {

    public RemoteProof {
        address = address.clone();
        signature = signature.clone();
        claimedPixels = List.copyOf(claimedPixels);
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
