package dev.streamflow.pm.redeem;

import dev.streamflow.pm.chain.ChainException;
import dev.streamflow.pm.chain.ContractRevertedException;
import dev.streamflow.pm.chain.EthClient;
import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.chain.TransactionSender;
import dev.streamflow.pm.chain.TxReceipt;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.recipient.WinningTicket;
import dev.streamflow.pm.recipient.WinningTicketStore;
import dev.streamflow.pm.redeem.Redemption.Outcome;
import dev.streamflow.pm.ticket.Ticket;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redeems the orchestrator's stored winning tickets on chain (go-livepeer {@code pm/queue.go}): a ticket is
 * due once the latest L1 block reaches its {@code paramsExpirationBlock} — waiting that long means a
 * revealed recipientRand can no longer be replayed into fresh tickets. Before sending, it skips tickets
 * that are already used, expired, or whose face value does not cover the redemption gas, and it waits
 * while the sender has nothing to pay with. Every ticket it gives up on is removed with the reason logged.
 */
public final class Redeemer {
    private static final Logger LOG = LoggerFactory.getLogger(Redeemer.class);

    /** Reverts that no later attempt can change (go-livepeer treats these as non-retryable). */
    private static final Set<String> PERMANENT_REVERTS = Set.of("ticket is used", "ticket is expired",
            "ticket creationRound does not have a block hash");

    private final Address recipient;
    private final EthClient eth;
    private final LivepeerContracts contracts;
    private final TransactionSender sender;
    private final WinningTicketStore store;
    private final long redeemGas;

    /**
     * @param sender    signs and pays the gas of redemptions, normally the orchestrator's own key (the broker
     *                  credits the ticket's recipient whoever sends the transaction)
     * @param redeemGas gas assumed per redemption in the profitability check (1 200 000 on Arbitrum)
     */
    public Redeemer(Address recipient, EthClient eth, LivepeerContracts contracts, TransactionSender sender,
            WinningTicketStore store, long redeemGas) {
        this.recipient = recipient;
        this.eth = eth;
        this.contracts = contracts;
        this.sender = sender;
        this.store = store;
        this.redeemGas = redeemGas;
    }

    /** Runs {@link #redeemDue()} every {@code interval} (one L1 block is 12 s); failures are logged, never fatal. */
    public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration interval) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                redeemDue();
            } catch (RuntimeException e) {
                LOG.warn("redemption pass failed; will retry: {}", e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over the store: every ticket whose params have expired is redeemed, skipped or kept. */
    public synchronized List<Redemption> redeemDue() {
        BigInteger latestL1Block = BigInteger.valueOf(eth.latestL1BlockNumber());
        List<Redemption> results = new ArrayList<>();
        for (WinningTicket ticket : store.pending()) {
            if (ticket.paramsExpirationBlock().compareTo(latestL1Block) > 0) {
                continue;
            }
            Redemption result = attempt(ticket);
            settle(result);
            results.add(result);
        }
        return results;
    }

    private Redemption attempt(WinningTicket winning) {
        try {
            return check(winning).orElseGet(() -> send(winning));
        } catch (ChainException e) {
            return Redemption.of(winning, Outcome.DEFERRED, "chain unavailable: " + e.getMessage());
        }
    }

    /** The reason not to send now, if there is one. */
    private Optional<Redemption> check(WinningTicket winning) {
        Ticket ticket = winning.ticket();
        if (!ticket.recipient().equals(recipient)) {
            return skip(winning, Outcome.INVALID, "ticket recipient " + ticket.recipient() + " is not us (" + recipient + ")");
        }
        if (ticket.auxData().length != 64) {
            return skip(winning, Outcome.INVALID, "ticket has no creation round (auxData must be 64 bytes)");
        }
        if (contracts.ticketBroker().isUsed(ticket.hash())) {
            return skip(winning, Outcome.USED, "ticket is used");
        }
        long currentRound = contracts.roundsManager().currentRound();
        long expiresAt = ticket.expirationParams().creationRound() + contracts.ticketBroker().ticketValidityPeriod();
        if (expiresAt <= currentRound) {
            return skip(winning, Outcome.INVALID, "ticket is expired (created in round "
                    + ticket.expirationParams().creationRound() + ", now round " + currentRound + ")");
        }
        if (!contracts.roundsManager().currentRoundInitialized()) {
            return skip(winning, Outcome.DEFERRED, "round " + currentRound + " is not initialized yet");
        }
        return checkFunds(winning, currentRound);
    }

    private Optional<Redemption> checkFunds(WinningTicket winning, long currentRound) {
        Ticket ticket = winning.ticket();
        SenderInfo info = contracts.ticketBroker().senderInfo(ticket.sender());
        if (info.withdrawRound() != 0 && currentRound >= info.withdrawRound()) {
            return skip(winning, Outcome.DEFERRED, "sender " + ticket.sender() + " is unlocked");
        }
        BigInteger txCost = eth.gasPrice().multiply(BigInteger.valueOf(redeemGas));
        if (ticket.faceValue().compareTo(txCost) <= 0) {
            return skip(winning, Outcome.UNPROFITABLE, "face value " + ticket.faceValue()
                    + " wei does not exceed the redemption cost " + txCost + " wei");
        }
        BigInteger available = info.deposit().add(contracts.ticketBroker().claimableReserve(ticket.sender(), recipient));
        if (available.compareTo(txCost) <= 0) {
            return skip(winning, Outcome.DEFERRED, "sender " + ticket.sender() + " can pay only " + available
                    + " wei now, not more than the redemption cost " + txCost + " wei");
        }
        return Optional.empty();
    }

    private Redemption send(WinningTicket winning) {
        try {
            TxReceipt receipt = contracts.ticketBroker().redeemWinningTicket(sender, winning.ticket(), winning.sig(),
                    winning.recipientRand());
            return new Redemption(winning, Outcome.REDEEMED, "redeemed in tx " + receipt.txHash(), Optional.of(receipt));
        } catch (ContractRevertedException e) {
            Outcome outcome = PERMANENT_REVERTS.contains(e.reason()) ? Outcome.INVALID : Outcome.DEFERRED;
            return Redemption.of(winning, outcome, e.getMessage());
        }
    }

    private void settle(Redemption result) {
        WinningTicket ticket = result.ticket();
        if (result.outcome().removesTicket()) {
            try {
                store.remove(ticket);
            } catch (IOException e) {
                LOG.warn("cannot remove ticket {} from the store ({}); it will be checked again", ticket.hashHex(), e.toString());
            }
        }
        Ticket t = ticket.ticket();
        if (result.outcome() == Outcome.REDEEMED) {
            LOG.info("redeemed winning ticket {} from {} nonce {}: {} wei ({})", ticket.hashHex(), t.sender(),
                    t.senderNonce(), t.faceValue(), result.reason());
        } else if (result.outcome().removesTicket()) {
            LOG.info("dropped winning ticket {} from {} nonce {} ({} wei): {}", ticket.hashHex(), t.sender(),
                    t.senderNonce(), t.faceValue(), result.reason());
        } else {
            LOG.info("keeping winning ticket {} from {} nonce {} for later: {}", ticket.hashHex(), t.sender(),
                    t.senderNonce(), result.reason());
        }
    }

    private static Optional<Redemption> skip(WinningTicket winning, Outcome outcome, String reason) {
        return Optional.of(Redemption.of(winning, outcome, reason));
    }

    @Override
    public String toString() {
        return "Redeemer[" + recipient + ", " + store + "]";
    }
}
