package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import java.util.List;

/** The Livepeer ServiceRegistry: where each orchestrator publishes its service URI. */
public final class ServiceRegistry {
    public static final String NAME = "ServiceRegistry";

    private final EthClient eth;
    private final Address address;

    public ServiceRegistry(EthClient eth, Address address) {
        this.eth = eth;
        this.address = address;
    }

    public Address address() {
        return address;
    }

    /** The registered URI, or the empty string when none is set. */
    public String serviceUri(Address orchestrator) {
        return eth.call(address, Abi.function("getServiceURI", List.of(Abi.address(orchestrator)), Abi.STRING))
                .get(0).getValue().toString();
    }

    @Override
    public String toString() {
        return "ServiceRegistry[" + address + "]";
    }
}
