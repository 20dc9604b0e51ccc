package dev.streamflow.pm.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.testchain.ChainRig;
import dev.streamflow.pm.testchain.LivepeerRig;
import dev.streamflow.pm.testchain.LivepeerRig.PoolMember;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pool walk against the package's BondingManagerMock (a linked list by call data) and the real ServiceRegistry. */
class OnchainOrchestratorsOnChainTest {
    @RegisterExtension
    static final ChainRig CHAIN = new ChainRig();

    private static final BigInteger ETH = BigInteger.TEN.pow(18);

    @Test
    void listsActiveOrchestratorsWithAServiceUriAndEnoughStakeInPoolOrder() {
        LivepeerRig rig = CHAIN.rig();
        EthereumKey big = rig.fundedKey(ETH);
        EthereumKey inactive = rig.fundedKey(ETH);
        EthereumKey noUri = rig.fundedKey(ETH);
        EthereumKey middle = rig.fundedKey(ETH);
        EthereumKey small = rig.fundedKey(ETH);
        rig.setPool(List.of(
                new PoolMember(big.address(), stake(5000), true),
                new PoolMember(inactive.address(), stake(4000), false),
                new PoolMember(noUri.address(), stake(3000), true),
                new PoolMember(middle.address(), stake(2000), true),
                new PoolMember(small.address(), stake(10), true)));
        rig.setServiceUri(big, "https://big.example:8935");
        rig.setServiceUri(inactive, "https://inactive.example:8935");
        rig.setServiceUri(middle, " https://middle.example:8935 ");
        rig.setServiceUri(small, "https://small.example:8935");
        OnchainOrchestrators source = new OnchainOrchestrators(rig.contracts().bondingManager(),
                rig.contracts().serviceRegistry());

        assertEquals(List.of(
                new OnchainOrchestrator(big.address(), "https://big.example:8935", stake(5000)),
                new OnchainOrchestrator(middle.address(), "https://middle.example:8935", stake(2000))),
                source.active(stake(100)));
        assertEquals(3, source.active(BigInteger.ZERO).size());
        assertEquals(List.of(), source.active(stake(6000)));
    }

    private static BigInteger stake(long lpt) {
        return BigInteger.valueOf(lpt).multiply(ETH);
    }
}
