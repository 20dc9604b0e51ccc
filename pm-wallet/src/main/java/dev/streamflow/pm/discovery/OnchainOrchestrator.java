package dev.streamflow.pm.discovery;

import dev.streamflow.pm.key.Address;
import java.math.BigInteger;
import java.util.Objects;

/** An active orchestrator as the chain lists it: its address, registered service URI and total stake (wei of LPT). */
public record OnchainOrchestrator(Address address, String serviceUri, BigInteger stake) {
    public OnchainOrchestrator {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serviceUri, "serviceUri");
        if (stake == null || stake.signum() < 0) {
            throw new IllegalArgumentException("stake must be ≥ 0, got " + stake);
        }
    }
}
