package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import java.util.List;
import org.web3j.abi.datatypes.Function;

/** Reads from the Livepeer RoundsManager. Round numbers fit a long; block numbers are L1 numbers on Arbitrum. */
public final class RoundsManager {
    public static final String NAME = "RoundsManager";

    private final EthClient eth;
    private final Address address;

    public RoundsManager(EthClient eth, Address address) {
        this.eth = eth;
        this.address = address;
    }

    public Address address() {
        return address;
    }

    public long currentRound() {
        return readLong("currentRound");
    }

    public long lastInitializedRound() {
        return readLong("lastInitializedRound");
    }

    public boolean currentRoundInitialized() {
        return Abi.toBool(eth.call(address, Abi.function("currentRoundInitialized", List.of(), Abi.BOOL)).get(0));
    }

    /** The block hash stored when {@code round} was initialized; all zeros if it never was. */
    public byte[] blockHashForRound(long round) {
        Function f = Abi.function("blockHashForRound", List.of(Abi.uint(round)), Abi.BYTES32);
        return Abi.toBytes32(eth.call(address, f).get(0));
    }

    public long roundLength() {
        return readLong("roundLength");
    }

    public long currentRoundStartBlock() {
        return readLong("currentRoundStartBlock");
    }

    private long readLong(String name) {
        return Abi.toLong(eth.call(address, Abi.function(name, List.of(), Abi.UINT256)).get(0), name);
    }

    @Override
    public String toString() {
        return "RoundsManager[" + address + "]";
    }
}
