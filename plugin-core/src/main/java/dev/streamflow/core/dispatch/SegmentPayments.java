package dev.streamflow.core.dispatch;

import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.sender.PaymentException;
import dev.streamflow.pm.sender.PaymentSession;
import dev.streamflow.pm.sender.TicketSender;
import dev.streamflow.pm.ticket.TicketParams;
import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.wire.PaymentWire;
import dev.streamflow.protocol.wire.WireFormatException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each segment carries in {@code Livepeer-Payment}. Off-chain: the identity's payment without tickets (empty
 * when anonymous). On chain: one {@link PaymentSession} per orchestrator session (orchestrator + auth-token session
 * id), whose credit carries over while every fresh OrchestratorInfo starts new ticket params (nonces from 1); each
 * segment reserves the credit and adds tickets for its estimated pixels × the offer's price, per the sender rules.
 */
public final class SegmentPayments {
    /** Orchestrator sessions whose credit is remembered; the least recently used go first. */
    static final int MAX_SESSIONS = 1024;

    private final BroadcasterIdentity identity;
    private final Optional<TicketSender> sender;
    private final Map<String, PaymentSession> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PaymentSession> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    private SegmentPayments(BroadcasterIdentity identity, Optional<TicketSender> sender) {
        this.identity = identity;
        this.sender = sender;
    }

    public static SegmentPayments offchain(BroadcasterIdentity identity) {
        return new SegmentPayments(identity, Optional.empty());
    }

    public static SegmentPayments onchain(BroadcasterIdentity identity, TicketSender sender) {
        return new SegmentPayments(identity, Optional.of(sender));
    }

    public boolean onchain() {
        return sender.isPresent();
    }

    /** The payment of one segment of {@code estimatedPixels} in the session {@code info}; settle it exactly once. */
    Pending pay(URI orchestrator, OrchestratorInfo info, long estimatedPixels) throws PaymentException {
        if (sender.isEmpty() || !info.hasTicketParams()) {
            return new Pending(identity.paymentWithoutTickets(info), null, null);
        }
        PaymentSession session = session(orchestrator, info);
        PaymentSession.PendingPayment pending = session.pay(estimatedPixels);
        return new Pending(PaymentWire.toWire(pending.payment()), session, pending);
    }

    private PaymentSession session(URI orchestrator, OrchestratorInfo info) throws PaymentException {
        TicketParams params;
        try {
            params = PaymentWire.fromWire(info.getTicketParams());
        } catch (WireFormatException e) {
            throw new PaymentException.InvalidTicketParams("orchestrator " + orchestrator + " sent " + e.getMessage());
        }
        PriceInfo price = PaymentWire.fromWire(info.getPriceInfo());
        if (!price.isValid()) {
            throw new PaymentException.InvalidTicketParams("orchestrator " + orchestrator + " sent an invalid price " + price);
        }
        String key = orchestrator + " " + info.getAuthToken().getSessionId();
        synchronized (sessions) {
            PaymentSession session = sessions.get(key);
            if (session == null) {
                session = new PaymentSession(sender.orElseThrow(), params, price);
                sessions.put(key, session);
            } else if (!session.ticketParams().equals(params) || !session.latestPrice().equals(price)) {
                session.update(params, price);
            }
            return session;
        }
    }

    /** A payment on its way. */
    static final class Pending {
        private final Payment wire;
        private final PaymentSession session;
        private final PaymentSession.PendingPayment pending;

        private Pending(Payment wire, PaymentSession session, PaymentSession.PendingPayment pending) {
            this.wire = wire;
            this.session = session;
            this.pending = pending;
        }

        Payment wire() {
            return wire;
        }

        int tickets() {
            return pending == null ? 0 : pending.ticketCount();
        }

        /** The orchestrator answered with a result for {@code pixels}. */
        void settle(long pixels) {
            if (session != null) {
                session.settle(pending, pixels);
            }
        }

        /** The request was sent but failed: the credit counts as spent, as in go-livepeer. */
        void spent() {
            if (session != null) {
                session.spent(pending);
            }
        }
    }
}
