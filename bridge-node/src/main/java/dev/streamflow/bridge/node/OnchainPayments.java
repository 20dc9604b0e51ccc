package dev.streamflow.bridge.node;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.pm.recipient.PaymentReceipt;
import dev.streamflow.pm.recipient.PaymentRejectedException;
import dev.streamflow.pm.recipient.Recipient;
import dev.streamflow.pm.recipient.RecipientSession;
import dev.streamflow.pm.recipient.TicketParamsException;
import dev.streamflow.pm.redeem.Redeemer;
import dev.streamflow.pm.redeem.Redemption;
import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.net.TicketParams;
import dev.streamflow.protocol.wire.PaymentWire;
import dev.streamflow.protocol.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The node as an on-chain recipient: every offer carries ticket parameters from the {@link Recipient}, every
 * segment's payment is validated with go-livepeer's rules and credited to the session, which is charged at the
 * price fixed when the session began (the node's own price, never the one a payment claims). Winning tickets
 * are persisted by the recipient's store and redeemed by the {@link Redeemer} once their parameters expire.
 */
final class OnchainPayments implements NodePayments {
    private static final Logger log = LoggerFactory.getLogger(OnchainPayments.class);
    /** Sessions whose credit is remembered at once; the least recently used go first. */
    static final int MAX_SESSIONS = 10_000;

    private final Recipient recipient;
    private final Redeemer redeemer;
    private final Fraction price;
    private final LongSupplier lastSeenL1Block;
    private final Map<String, RecipientSession> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RecipientSession> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    OnchainPayments(Recipient recipient, Redeemer redeemer, Fraction price, LongSupplier lastSeenL1Block) {
        this.recipient = recipient;
        this.redeemer = redeemer;
        this.price = price;
        this.lastSeenL1Block = lastSeenL1Block;
    }

    @Override
    public Optional<TicketParams> ticketParams(byte[] holder) throws PaymentRefusal {
        if (OrchestratorService.isAnonymous(holder)) {
            return Optional.empty(); // an anonymous broadcaster cannot sign tickets
        }
        try {
            return Optional.of(PaymentWire.toWire(recipient.ticketParams(new Address(holder), price)));
        } catch (TicketParamsException e) {
            throw new PaymentRefusal(e.getMessage());
        }
    }

    @Override
    public void admit(Payment wire, byte[] sender, String sessionId, long estimatedPixels) throws Refusal {
        RecipientSession session = session(sessionId, new Address(sender));
        try {
            dev.streamflow.pm.sender.Payment payment = PaymentWire.fromWire(wire);
            PaymentReceipt receipt = recipient.processPayment(payment, session);
            receipt.requireAccepted();
            session.requireBalanceFor(recipient.ticketEV());
            Fraction fee = Fraction.of(estimatedPixels).multiply(session.fixedPrice());
            if (session.balance().compareTo(fee) < 0) {
                log.debug("session {} of {}: balance {} wei does not cover the segment's {} wei", sessionId,
                        session.sender(), session.balance(), fee);
                throw new PaymentRejectedException("Insufficient balance", false);
            }
        } catch (PaymentWire.MalformedSignatureException e) {
            throw new Refusal(400, "invalid ticket signature");
        } catch (WireFormatException e) {
            throw new Refusal(400, e.getMessage());
        } catch (PaymentRejectedException e) {
            log.debug("payment of {} for session {} refused: {}", session.sender(), sessionId, e.getMessage());
            throw new Refusal(400, e.getMessage());
        }
    }

    @Override
    public void charge(String sessionId, long pixels) {
        RecipientSession session;
        synchronized (sessions) {
            session = sessions.get(sessionId);
        }
        if (session != null) {
            session.debit(pixels);
        }
    }

    /** One redemption pass (also run on the node's schedule); forgets nonces of expired params. */
    List<Redemption> redeemDue() {
        recipient.forgetExpiredNonces(lastSeenL1Block.getAsLong());
        return redeemer.redeemDue();
    }

    /** The session's credit, in wei, for tests and logs. */
    Optional<Fraction> balance(String sessionId) {
        synchronized (sessions) {
            return Optional.ofNullable(sessions.get(sessionId)).map(RecipientSession::balance);
        }
    }

    private RecipientSession session(String sessionId, Address sender) {
        synchronized (sessions) {
            return sessions.computeIfAbsent(sessionId, id -> new RecipientSession(sender, id, price));
        }
    }

    @Override
    public void close() {
    }
}
