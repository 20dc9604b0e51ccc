package dev.streamflow.core.verify;

import dev.streamflow.pm.key.Address;

/**
 * The orchestrator's claim of authorship: its result signature over the renditions (in profile order, reference
 * §3.7), and the address it offered in its OrchestratorInfo (or its ticket recipient when the address is empty).
 */
public record ResultProof(Address offeredAddress, byte[] signature) {

    public ResultProof {
        if (offeredAddress == null || signature == null) {
            throw new IllegalArgumentException("a result proof needs an address and a signature");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
