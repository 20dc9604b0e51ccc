package dev.streamflow.bridge.node;

import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.wire.ResultSignature;

import java.util.List;

/** How the node signs a result's renditions. {@link #STANDARD} everywhere; tests substitute a dishonest one. */
@FunctionalInterface
public interface ResultSigner {
    ResultSigner STANDARD = ResultSignature::sign;

    byte[] sign(EthereumKey key, List<byte[]> renditions);
}
