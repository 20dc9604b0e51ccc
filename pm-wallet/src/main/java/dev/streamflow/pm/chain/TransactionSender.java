package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.key.Signatures;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends legacy EIP-155 transactions signed with an {@link EthereumKey} (the key never leaves it), one at a
 * time per sender so nonces stay in order, and polls for the receipt at {@link TxSettings#pollInterval()}.
 * Gas is estimated first, so a call the contract would refuse fails with its revert reason before any gas
 * is spent.
 */
public final class TransactionSender {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionSender.class);

    private final EthClient eth;
    private final EthereumKey key;
    private final long chainId;
    private final TxSettings settings;
    private final TxProgress progress;
    private final Clock clock;

    public TransactionSender(EthClient eth, EthereumKey key, long chainId, TxSettings settings, TxProgress progress,
            Clock clock) {
        this.eth = eth;
        this.key = key;
        this.chainId = chainId;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
    }

    public TransactionSender(EthClient eth, EthereumKey key, long chainId, TxSettings settings, TxProgress progress) {
        this(eth, key, chainId, settings, progress, Clock.systemUTC());
    }

    public Address address() {
        return key.address();
    }

    public EthClient eth() {
        return eth;
    }

    /** Gas limit (estimate plus margin) for calling {@code function} with {@code value}; reverts surface here. */
    public BigInteger gasLimit(Address contract, Function function, BigInteger value, String description) {
        return withMargin(eth.estimateGas(address(), contract, FunctionEncoder.encode(function), value, description));
    }

    /** The gas price transactions are sent at: the node's current suggestion. */
    public BigInteger gasPrice() {
        return eth.gasPrice();
    }

    public synchronized TxReceipt call(Address contract, Function function, BigInteger value, String description) {
        String data = FunctionEncoder.encode(function);
        BigInteger gas = withMargin(eth.estimateGas(address(), contract, data, value, description));
        return sendAndWait(contract, data, value, gas, description);
    }

    /** Deploys {@code bytecodeWithArgs}; the receipt carries the new contract's address. */
    public synchronized TxReceipt deploy(String bytecodeWithArgs, String description) {
        BigInteger gas = withMargin(eth.estimateGas(address(), null, bytecodeWithArgs, BigInteger.ZERO, description));
        return sendAndWait(null, bytecodeWithArgs, BigInteger.ZERO, gas, description);
    }

    private TxReceipt sendAndWait(Address to, String data, BigInteger value, BigInteger gas, String description) {
        BigInteger gasPrice = eth.gasPrice();
        RawTransaction tx = RawTransaction.createTransaction(eth.pendingNonce(address()), gasPrice, gas,
                to == null ? "" : to.toLowerHex(), value, data);
        Instant started = clock.instant();
        String hash = eth.sendRawTransaction(sign(tx), description);
        LOG.debug("sent {} from {}: tx {}", description, address(), hash);
        progress.update(new TxStatus(description, hash, TxStatus.Stage.SUBMITTED, 0, settings.confirmations(),
                Duration.ZERO));
        TransactionReceipt receipt = awaitReceipt(hash, description, started);
        if (!receipt.isStatusOK()) {
            String reason = eth.revertReasonOf(receipt, data, value);
            throw new ContractRevertedException(description + " (tx " + hash + ")", reason);
        }
        awaitConfirmations(receipt, description, started);
        TxReceipt result = toReceipt(receipt, gasPrice);
        progress.update(new TxStatus(description, hash, TxStatus.Stage.CONFIRMED, settings.confirmations(),
                settings.confirmations(), elapsedSince(started)));
        LOG.debug("{} confirmed in block {} (gas {})", description, result.blockNumber(), result.gasUsed());
        return result;
    }

    /** EIP-155: sign keccak(rlp(tx, chainId, 0, 0)) and put v = recId + 35 + 2·chainId. */
    byte[] sign(RawTransaction tx) {
        byte[] hash = Signatures.keccak256(TransactionEncoder.encode(tx, chainId));
        Signature sig = key.signHash(hash);
        byte[] raw = sig.bytes();
        BigInteger v = BigInteger.valueOf(sig.v() - 27L + 35 + 2 * chainId);
        return TransactionEncoder.encode(tx, new Sign.SignatureData(v.toByteArray(),
                Arrays.copyOfRange(raw, 0, 32), Arrays.copyOfRange(raw, 32, 64)));
    }

    private TransactionReceipt awaitReceipt(String hash, String description, Instant started) {
        while (true) {
            Optional<TransactionReceipt> receipt = eth.receipt(hash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            progress.update(new TxStatus(description, hash, TxStatus.Stage.PENDING, 0, settings.confirmations(),
                    elapsedSince(started)));
            pauseOrGiveUp(hash, description, started);
        }
    }

    private void awaitConfirmations(TransactionReceipt receipt, String description, Instant started) {
        long minedIn = receipt.getBlockNumber().longValueExact();
        while (true) {
            int confirmations = (int) Math.max(0, eth.latestBlockNumber() - minedIn + 1);
            if (confirmations >= settings.confirmations()) {
                return;
            }
            progress.update(new TxStatus(description, receipt.getTransactionHash(), TxStatus.Stage.CONFIRMING,
                    confirmations, settings.confirmations(), elapsedSince(started)));
            pauseOrGiveUp(receipt.getTransactionHash(), description, started);
        }
    }

    private void pauseOrGiveUp(String hash, String description, Instant started) {
        if (elapsedSince(started).compareTo(settings.timeout()) >= 0) {
            throw new ChainException(description + ": tx " + hash + " not confirmed after " + settings.timeout()
                    + "; it may still be mined later");
        }
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException("interrupted while waiting for " + description + " (tx " + hash + ")", e);
        }
    }

    private Duration elapsedSince(Instant started) {
        return Duration.between(started, clock.instant());
    }

    private BigInteger withMargin(BigInteger estimate) {
        return estimate.multiply(BigInteger.valueOf(100L + settings.gasMarginPercent())).divide(BigInteger.valueOf(100));
    }

    private static TxReceipt toReceipt(TransactionReceipt receipt, BigInteger sentGasPrice) {
        String effective = receipt.getEffectiveGasPrice();
        BigInteger price = effective == null ? sentGasPrice : new BigInteger(effective.substring(2), 16);
        Address created = receipt.getContractAddress() == null ? null : Address.parse(receipt.getContractAddress());
        return new TxReceipt(receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(),
                receipt.getGasUsed(), price, created, receipt.getLogs());
    }

    @Override
    public String toString() {
        return "TransactionSender[" + address() + " on chain " + chainId + "]";
    }
}
