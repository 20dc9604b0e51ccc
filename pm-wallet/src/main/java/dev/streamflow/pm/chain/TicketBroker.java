package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.ticket.Ticket;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The Livepeer TicketBroker: a sender's deposit and reserve, unlock and withdraw, and ticket redemption.
 * Writes take the {@link TransactionSender} that pays for them; the broker acts on {@code msg.sender}.
 */
public final class TicketBroker {
    public static final String NAME = "TicketBroker";

    static final Event WINNING_TICKET_REDEEMED = new Event("WinningTicketRedeemed", List.of(
            new TypeReference<org.web3j.abi.datatypes.Address>(true) { },
            new TypeReference<org.web3j.abi.datatypes.Address>(true) { },
            Abi.UINT256, Abi.UINT256, Abi.UINT256, Abi.UINT256, new TypeReference<DynamicBytes>() { }));
    static final Event UNLOCK = new Event("Unlock", List.of(
            new TypeReference<org.web3j.abi.datatypes.Address>(true) { }, Abi.UINT256, Abi.UINT256));
    static final Event WITHDRAWAL = new Event("Withdrawal", List.of(
            new TypeReference<org.web3j.abi.datatypes.Address>(true) { }, Abi.UINT256, Abi.UINT256));

    private final EthClient eth;
    private final Address address;

    public TicketBroker(EthClient eth, Address address) {
        this.eth = eth;
        this.address = address;
    }

    public Address address() {
        return address;
    }

    // ---- reads

    /** {@code getSenderInfo}: two static tuples, encoded inline as four uint256. */
    public SenderInfo senderInfo(Address sender) {
        List<Type> v = eth.call(address, Abi.function("getSenderInfo", List.of(Abi.address(sender)),
                Abi.UINT256, Abi.UINT256, Abi.UINT256, Abi.UINT256));
        return new SenderInfo(Abi.toUint(v.get(0)), Abi.toLong(v.get(1), "withdrawRound"), Abi.toUint(v.get(2)),
                Abi.toUint(v.get(3)));
    }

    public BigInteger claimableReserve(Address reserveHolder, Address claimant) {
        return readUint("claimableReserve", Abi.address(reserveHolder), Abi.address(claimant));
    }

    public BigInteger claimedReserve(Address reserveHolder, Address claimant) {
        return readUint("claimedReserve", Abi.address(reserveHolder), Abi.address(claimant));
    }

    public boolean isUsed(byte[] ticketHash) {
        return Abi.toBool(eth.call(address, Abi.function("usedTickets", List.of(new Bytes32(ticketHash)), Abi.BOOL))
                .get(0));
    }

    public boolean isUnlockInProgress(Address sender) {
        return Abi.toBool(eth.call(address, Abi.function("isUnlockInProgress", List.of(Abi.address(sender)),
                Abi.BOOL)).get(0));
    }

    public long unlockPeriod() {
        return readUint("unlockPeriod").longValueExact();
    }

    public long ticketValidityPeriod() {
        return readUint("ticketValidityPeriod").longValueExact();
    }

    /** The contract's own {@code getTicketHash}, to cross-check {@link Ticket#hash()}. */
    public byte[] ticketHash(Ticket ticket) {
        return Abi.toBytes32(eth.call(address, Abi.function("getTicketHash", List.of(ticketStruct(ticket)),
                Abi.BYTES32)).get(0));
    }

    // ---- writes

    public TxReceipt fundDeposit(TransactionSender from, BigInteger amount) {
        return from.call(address, Abi.function("fundDeposit", List.of()), amount, "fund deposit");
    }

    /** Gas limit {@link #fundDeposit} or {@link #fundReserve} would be sent with (estimate plus margin). */
    public BigInteger fundGasLimit(TransactionSender from, boolean reserve, BigInteger amount) {
        return from.gasLimit(address, Abi.function(reserve ? "fundReserve" : "fundDeposit", List.of()), amount,
                "fund " + (reserve ? "reserve" : "deposit") + " (estimate)");
    }

    public TxReceipt fundReserve(TransactionSender from, BigInteger amount) {
        return from.call(address, Abi.function("fundReserve", List.of()), amount, "fund reserve");
    }

    public TxReceipt fundDepositAndReserve(TransactionSender from, BigInteger deposit, BigInteger reserve) {
        return from.call(address, Abi.function("fundDepositAndReserve", List.of(Abi.uint(deposit), Abi.uint(reserve))),
                deposit.add(reserve), "fund deposit and reserve");
    }

    public TxReceipt unlock(TransactionSender from) {
        return from.call(address, Abi.function("unlock", List.of()), BigInteger.ZERO, "unlock");
    }

    public TxReceipt cancelUnlock(TransactionSender from) {
        return from.call(address, Abi.function("cancelUnlock", List.of()), BigInteger.ZERO, "cancel unlock");
    }

    public TxReceipt withdraw(TransactionSender from) {
        return from.call(address, Abi.function("withdraw", List.of()), BigInteger.ZERO, "withdraw");
    }

    public TxReceipt redeemWinningTicket(TransactionSender from, Ticket ticket, Signature sig, BigInteger recipientRand) {
        return from.call(address, redeemFunction(ticket, sig, recipientRand), BigInteger.ZERO,
                "redeem winning ticket " + ticket.senderNonce() + " from " + ticket.sender());
    }

    /** Gas the redemption would take now; a ticket the contract would refuse fails here with its reason. */
    public BigInteger redeemGasLimit(TransactionSender from, Ticket ticket, Signature sig, BigInteger recipientRand) {
        return from.gasLimit(address, redeemFunction(ticket, sig, recipientRand), BigInteger.ZERO, "redeem (estimate)");
    }

    static org.web3j.abi.datatypes.Function redeemFunction(Ticket ticket, Signature sig, BigInteger recipientRand) {
        return Abi.function("redeemWinningTicket",
                List.of(ticketStruct(ticket), new DynamicBytes(sig.bytes()), Abi.uint(recipientRand)));
    }

    /** (recipient, sender, faceValue, winProb, senderNonce, recipientRandHash, auxData), as the contract's struct. */
    static DynamicStruct ticketStruct(Ticket t) {
        return new DynamicStruct(Abi.address(t.recipient()), Abi.address(t.sender()), Abi.uint(t.faceValue()),
                Abi.uint(t.winProb()), Abi.uint(t.senderNonce()), new Bytes32(t.recipientRandHash()),
                new DynamicBytes(t.auxData()));
    }

    // ---- events

    public record Redeemed(Address sender, Address recipient, BigInteger faceValue, BigInteger winProb,
            BigInteger senderNonce, BigInteger recipientRand) {
    }

    public record Unlock(Address sender, long startRound, long endRound) {
    }

    public record Withdrawal(Address sender, BigInteger deposit, BigInteger reserve) {
    }

    public List<Redeemed> redeemedEvents(TxReceipt receipt) {
        return events(receipt, WINNING_TICKET_REDEEMED, (log, data) -> new Redeemed(topicAddress(log, 1),
                topicAddress(log, 2), Abi.toUint(data.get(0)), Abi.toUint(data.get(1)), Abi.toUint(data.get(2)),
                Abi.toUint(data.get(3))));
    }

    public List<Unlock> unlockEvents(TxReceipt receipt) {
        return events(receipt, UNLOCK, (log, data) -> new Unlock(topicAddress(log, 1),
                Abi.toLong(data.get(0), "startRound"), Abi.toLong(data.get(1), "endRound")));
    }

    public List<Withdrawal> withdrawalEvents(TxReceipt receipt) {
        return events(receipt, WITHDRAWAL, (log, data) -> new Withdrawal(topicAddress(log, 1),
                Abi.toUint(data.get(0)), Abi.toUint(data.get(1))));
    }

    private interface LogDecoder<T> {
        T decode(Log log, List<Type> data);
    }

    private <T> List<T> events(TxReceipt receipt, Event event, LogDecoder<T> decoder) {
        String topic = EventEncoder.encode(event);
        return receipt.logs().stream()
                .filter(log -> Address.parse(log.getAddress()).equals(address))
                .filter(log -> !log.getTopics().isEmpty() && log.getTopics().get(0).equalsIgnoreCase(topic))
                .map(log -> decoder.decode(log, FunctionReturnDecoder.decode(log.getData(), event.getNonIndexedParameters())))
                .toList();
    }

    private static Address topicAddress(Log log, int index) {
        String topic = log.getTopics().get(index);
        return Address.parse(topic.substring(topic.length() - 40));
    }

    private BigInteger readUint(String name, Type<?>... inputs) {
        return Abi.toUint(eth.call(address, Abi.function(name, List.of(inputs), Abi.UINT256)).get(0));
    }

    @Override
    public String toString() {
        return "TicketBroker[" + address + "]";
    }
}
