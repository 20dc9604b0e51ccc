package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;

/** Reads from the Livepeer BondingManager: the transcoder pool (a list sorted by stake, largest first). */
public final class BondingManager {
    public static final String NAME = "BondingManager";

    private final EthClient eth;
    private final Address address;

    public BondingManager(EthClient eth, Address address) {
        this.eth = eth;
        this.address = address;
    }

    public Address address() {
        return address;
    }

    /** Head of the pool, or {@link Address#ZERO} when it is empty. */
    public Address firstTranscoderInPool() {
        return Abi.toAddress(eth.call(address, Abi.function("getFirstTranscoderInPool", List.of(), Abi.ADDRESS)).get(0));
    }

    /** The next transcoder after {@code transcoder}, or {@link Address#ZERO} at the end of the pool. */
    public Address nextTranscoderInPool(Address transcoder) {
        return Abi.toAddress(eth.call(address, Abi.function("getNextTranscoderInPool",
                List.of(Abi.address(transcoder)), Abi.ADDRESS)).get(0));
    }

    public long transcoderPoolSize() {
        return Abi.toLong(eth.call(address, Abi.function("getTranscoderPoolSize", List.of(), Abi.UINT256)).get(0),
                "transcoder pool size");
    }

    public BigInteger transcoderTotalStake(Address transcoder) {
        return Abi.toUint(eth.call(address, Abi.function("transcoderTotalStake", List.of(Abi.address(transcoder)),
                Abi.UINT256)).get(0));
    }

    public boolean isActiveTranscoder(Address transcoder) {
        return Abi.toBool(eth.call(address, Abi.function("isActiveTranscoder", List.of(Abi.address(transcoder)),
                Abi.BOOL)).get(0));
    }

    public TranscoderInfo transcoder(Address transcoder) {
        TypeReference<?>[] outputs = Collections.nCopies(10, Abi.UINT256).toArray(new TypeReference<?>[0]);
        List<Type> v = eth.call(address, Abi.function("getTranscoder", List.of(Abi.address(transcoder)), outputs));
        return new TranscoderInfo(Abi.toUint(v.get(0)), Abi.toUint(v.get(1)), Abi.toUint(v.get(2)),
                Abi.toUint(v.get(3)), Abi.toUint(v.get(4)), Abi.toUint(v.get(5)), Abi.toUint(v.get(6)),
                Abi.toUint(v.get(7)), Abi.toUint(v.get(8)), Abi.toUint(v.get(9)));
    }

    /**
     * {@code getTranscoder}, field by field. Rounds stay BigInteger: a registered transcoder's
     * deactivationRound is 2^256 − 1 until it is scheduled to leave.
     */
    public record TranscoderInfo(BigInteger lastRewardRound, BigInteger rewardCut, BigInteger feeShare,
            BigInteger lastActiveStakeUpdateRound, BigInteger activationRound, BigInteger deactivationRound,
            BigInteger activeCumulativeRewards, BigInteger cumulativeRewards, BigInteger cumulativeFees,
            BigInteger lastFeeRound) {
    }

    @Override
    public String toString() {
        return "BondingManager[" + address + "]";
    }
}
