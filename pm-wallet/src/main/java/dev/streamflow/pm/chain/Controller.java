package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import java.util.List;
import org.web3j.abi.datatypes.generated.Bytes32;

/** The Livepeer Controller: the registry every other protocol contract is found through. */
public final class Controller {
    private final EthClient eth;
    private final Address address;

    public Controller(EthClient eth, Address address) {
        this.eth = eth;
        this.address = address;
    }

    public Address address() {
        return address;
    }

    /** {@code getContract(keccak256(name))}; address zero when nothing is registered under that name. */
    public Address contract(String name) {
        return Abi.toAddress(eth.call(address,
                Abi.function("getContract", List.of(new Bytes32(Abi.contractId(name))), Abi.ADDRESS)).get(0));
    }

    public boolean paused() {
        return Abi.toBool(eth.call(address, Abi.function("paused", List.of(), Abi.BOOL)).get(0));
    }

    public Address owner() {
        return Abi.toAddress(eth.call(address, Abi.function("owner", List.of(), Abi.ADDRESS)).get(0));
    }

    @Override
    public String toString() {
        return "Controller[" + address + "]";
    }
}
