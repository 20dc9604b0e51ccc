package dev.streamflow.pm.sender;

import dev.streamflow.pm.chain.ChainView;
import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import dev.streamflow.pm.ticket.TicketParams;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs tickets for one sender key (go-livepeer {@code pm/sender.go}): one session per received
 * ticket-params set, keyed by recipientRandHash, with nonces counting from 1 in that session.
 */
public final class TicketSender {
    private final EthereumKey key;
    private final ChainView chain;
    private final SenderLimits limits;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public TicketSender(EthereumKey key, ChainView chain, SenderLimits limits) {
        this.key = key;
        this.chain = chain;
        this.limits = limits;
    }

    public Address address() {
        return key.address();
    }

    /** Starts (or restarts, resetting the nonce) the session for these params; returns its id. */
    public String startSession(TicketParams params) {
        String id = params.recipientRandHashHex();
        sessions.put(id, new Session(params));
        return id;
    }

    public void endSession(String sessionId) {
        sessions.remove(sessionId);
    }

    /** Validates the session's params for {@code count} tickets, then signs them with the next nonces. */
    public TicketBatch createTicketBatch(String sessionId, int count) throws PaymentException {
        Session session = sessions.get(sessionId);
        if (session == null) {
            throw new IllegalStateException("no PM session " + sessionId);
        }
        if (count < 1) {
            throw new IllegalArgumentException("a ticket batch needs at least one ticket, got " + count);
        }
        validateTicketParams(session.params, count);
        TicketExpirationParams expiration = expirationParamsFor(session.params);
        List<TicketSenderParams> signed = new ArrayList<>(count);
        for (long nonce : session.takeNonces(count)) {
            Ticket ticket = session.params.ticket(key.address(), nonce, expiration);
            signed.add(new TicketSenderParams(nonce, ticket.sign(key)));
        }
        return new TicketBatch(session.params.withoutExpirationParams(), expiration, signed);
    }

    /** go-livepeer's {@code validateTicketParams}, for a batch of {@code count} tickets. */
    public void validateTicketParams(TicketParams params, int count) throws PaymentException {
        if (params == null || params.expirationBlock().signum() == 0) {
            throw new PaymentException.InvalidTicketParams("missing ticket params or expiration block");
        }
        if (params.expirationBlock().subtract(BigInteger.valueOf(chain.lastSeenL1Block())).compareTo(BigInteger.ONE) <= 0) {
            throw new PaymentException.TicketParamsExpired("TicketParams expired: expirationBlock="
                    + params.expirationBlock() + " lastSeenL1Block=" + chain.lastSeenL1Block());
        }
        Fraction ev = params.expectedValue();
        if (ev.signum() <= 0) {
            return;
        }
        if (ev.compareTo(Fraction.of(params.faceValue())) >= 0) {
            throw new PaymentException.InvalidTicketParams("ticket faceValue too low: faceValue=" + params.faceValue()
                    + " EV=" + ev);
        }
        if (ev.compareTo(Fraction.of(limits.maxTicketEV())) > 0) {
            throw new PaymentException.InvalidTicketParams("ticket EV higher than max EV: EV=" + ev
                    + " maxEV=" + limits.maxTicketEV());
        }
        Fraction total = ev.multiply(BigInteger.valueOf(count));
        if (total.compareTo(Fraction.of(limits.maxTotalEV())) > 0) {
            throw new PaymentException.InvalidTicketParams("total ticket EV higher than max total EV: totalEV=" + total
                    + " maxTotalEV=" + limits.maxTotalEV() + " tickets=" + count);
        }
        SenderInfo info = chain.senderInfo(key.address());
        validateSender(info);
        BigInteger maxFaceValue = info.deposit().divide(limits.depositMultiplier());
        if (params.faceValue().compareTo(maxFaceValue) > 0) {
            throw new PaymentException.InvalidTicketParams("ticket faceValue higher than max faceValue: faceValue="
                    + params.faceValue() + " maxFaceValue=" + maxFaceValue);
        }
    }

    private void validateSender(SenderInfo info) throws PaymentException.SenderValidation {
        if (info.deposit().signum() <= 0) {
            throw new PaymentException.SenderValidation("no sender deposit");
        }
        if (info.reserveFundsRemaining().signum() <= 0) {
            throw new PaymentException.SenderValidation("no sender reserve");
        }
        if (info.unlocksSoon(chain.lastInitializedRound())) {
            throw new PaymentException.SenderValidation("deposit and reserve is set to unlock soon");
        }
    }

    /** O's expiration params, or our own (last initialized round and its hash) if O sent none or zeros. */
    private TicketExpirationParams expirationParamsFor(TicketParams params) {
        TicketExpirationParams fromOrchestrator = params.expirationParams();
        if (fromOrchestrator == null || fromOrchestrator.isZero()) {
            return chain.lastInitializedRoundParams();
        }
        return fromOrchestrator;
    }

    private static final class Session {
        final TicketParams params;
        private long lastNonce;

        Session(TicketParams params) {
            this.params = params;
        }

        synchronized long[] takeNonces(int count) {
            if (lastNonce + count > 0xffffffffL) {
                throw new IllegalStateException("sender nonces exhausted for recipientRandHash " + params.recipientRandHashHex());
            }
            long[] nonces = new long[count];
            for (int i = 0; i < count; i++) {
                nonces[i] = ++lastNonce;
            }
            return nonces;
        }
    }

    @Override
    public String toString() {
        return "TicketSender[" + key.address() + ", sessions=" + sessions.size() + "]";
    }
}
