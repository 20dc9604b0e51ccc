package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.core.methods.response.Log;

/** A mined, successful transaction. {@code contractAddress} is set for deployments only. */
public record TxReceipt(String txHash, long blockNumber, BigInteger gasUsed, BigInteger effectiveGasPrice,
        Address contractAddress, List<Log> logs) {

    public TxReceipt {
        logs = List.copyOf(logs);
    }

    /** What the sender paid for gas, in wei. */
    public BigInteger fee() {
        return gasUsed.multiply(effectiveGasPrice);
    }
}
