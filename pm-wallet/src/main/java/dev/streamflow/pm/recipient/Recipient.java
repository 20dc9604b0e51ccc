package dev.streamflow.pm.recipient;

import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.Signatures;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.sender.Payment;
import dev.streamflow.pm.sender.TicketSenderParams;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import dev.streamflow.pm.ticket.TicketParams;
import dev.streamflow.pm.ticket.Uint256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator side of PM (go-livepeer {@code pm/recipient.go}, {@code pm/validator.go} and
 * {@code ProcessPayment}): issues ticket params bound to a secret by HMAC, validates tickets with
 * go-livepeer's rules and texts, credits sessions and stores winning tickets.
 */
public final class Recipient {
    private static final Logger LOG = LoggerFactory.getLogger(Recipient.class);
    private static final BigInteger THREE_GWEI = BigInteger.valueOf(3_000_000_000L);

    private final Address address;
    private final RecipientChainView chain;
    private final RecipientConfig config;
    private final WinningTicketStore store;
    private final SecureRandom random;
    private final byte[] secret;
    private final SenderNonces nonces = new SenderNonces();

    public Recipient(Address address, RecipientChainView chain, RecipientConfig config, WinningTicketStore store,
            SecureRandom random) {
        this.address = address;
        this.chain = chain;
        this.config = config;
        this.store = store;
        this.random = random;
        this.secret = new byte[32];
        random.nextBytes(secret);
    }

    public Address address() {
        return address;
    }

    /** The EV the orchestrator targets per ticket (also the balance a paid session must keep). */
    public Fraction ticketEV() {
        return Fraction.of(config.ticketEV());
    }

    /** Fresh ticket params for {@code sender} at {@code price} wei/pixel (§4.5). */
    public TicketParams ticketParams(Address sender, Fraction price) throws TicketParamsException {
        BigInteger faceValue = faceValue(sender, price);
        BigInteger winProb = winProb(faceValue);
        byte[] seedBytes = new byte[32];
        random.nextBytes(seedBytes);
        BigInteger seed = new BigInteger(1, seedBytes);
        BigInteger expirationBlock = BigInteger.valueOf(chain.lastSeenL1Block() + config.expirationBlocks());
        TicketExpirationParams expiration = chain.lastInitializedRoundParams();
        BigInteger rand = recipientRand(seed, sender, faceValue, winProb, expirationBlock, price, expiration.auxData());
        return new TicketParams(address, faceValue, winProb, recipientRandHash(rand), seed, expirationBlock, expiration);
    }

    /** faceValue per §4.5: from the redemption cost, capped by the sender's max float. */
    BigInteger faceValue(Address sender, Fraction price) throws TicketParamsException {
        if (price.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger ev = config.ticketEV();
        BigInteger txCost = txCost();
        BigInteger multiplier = BigInteger.valueOf(config.txCostMultiplier());
        BigInteger faceValue = txCost.multiply(multiplier);
        if (faceValue.compareTo(ev) < 0) {
            faceValue = ev.multiply(multiplier);
        }
        faceValue = faceValue.min(maxFloat(sender));
        if (config.maxFaceValue().signum() > 0) {
            faceValue = faceValue.min(config.maxFaceValue());
        }
        if (faceValue.compareTo(ev) < 0) {
            throw new TicketParamsException("insufficient sender reserve");
        }
        BigInteger minimumRedeemable = BigInteger.valueOf(config.redeemGas()).multiply(THREE_GWEI);
        if (faceValue.compareTo(txCost) < 0 && faceValue.compareTo(minimumRedeemable) < 0) {
            throw new TicketParamsException("insufficient sender reserve");
        }
        return faceValue;
    }

    /** The smallest winProb giving at least the target EV: ceil-style, as go-livepeer. */
    BigInteger winProb(BigInteger faceValue) {
        if (faceValue.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger ev = config.ticketEV();
        if (faceValue.equals(ev)) {
            return Ticket.MAX_WIN_PROB;
        }
        BigInteger[] qr = Ticket.MAX_WIN_PROB.divideAndRemainder(faceValue);
        return qr[1].signum() != 0 ? ev.multiply(qr[0].add(BigInteger.ONE)) : ev.multiply(qr[0]);
    }

    /** §4.9: the sender's reserve share for us, minus what we already have in flight unless the deposit covers it. */
    BigInteger maxFloat(Address sender) {
        SenderInfo info = chain.senderInfo(sender);
        long poolSize = chain.activePoolSize();
        BigInteger reserveAlloc = poolSize <= 0 ? BigInteger.ZERO
                : info.reserveFundsRemaining().add(info.reserveClaimedInCurrentRound())
                        .divide(BigInteger.valueOf(poolSize))
                        .subtract(chain.claimedReserve(sender, address));
        BigInteger pending = store.pendingFaceValue(sender);
        if (pending.signum() > 0 && info.deposit().compareTo(pending.multiply(BigInteger.valueOf(3))) >= 0) {
            return reserveAlloc;
        }
        return reserveAlloc.subtract(pending);
    }

    private BigInteger txCost() {
        BigInteger gasPrice = chain.gasPrice() == null ? BigInteger.ZERO : chain.gasPrice();
        return gasPrice.multiply(BigInteger.valueOf(config.redeemGas()));
    }

    /**
     * go-livepeer {@code ProcessPayment} + {@code ReceiveTicket}: validates each ticket, stores winners and
     * credits {@code session} while no earlier ticket failed. Payment-level problems are thrown; ticket
     * problems end up in the receipt.
     */
    public PaymentReceipt processPayment(Payment payment, RecipientSession session) throws PaymentRejectedException {
        if (payment.ticketParams() == null || payment.ticketSenderParams().isEmpty()) {
            return new PaymentReceipt(Fraction.ZERO, 0, List.of(), null);
        }
        Address sender = payment.sender();
        if (sender == null) {
            throw new PaymentRejectedException("Could not find Sender for payment: " + payment, true);
        }
        if (!chain.isActiveOrchestrator(address)) {
            throw new PaymentRejectedException("orchestrator " + address + " is inactive in round "
                    + chain.lastInitializedRound() + ", cannot process payments", true);
        }
        PriceInfo expected = payment.expectedPrice();
        if (expected == null || expected.pixelsPerUnit() == 0) {
            throw new PaymentRejectedException("invalid expected price sent with payment err=expected price is "
                    + (expected == null ? "missing" : "0/0"), true);
        }
        if (!expected.isValid()) {
            throw new PaymentRejectedException("invalid expected price sent with payment err=negative price " + expected, true);
        }
        return receiveTickets(payment, expected.weiPerPixel(), session);
    }

    private PaymentReceipt receiveTickets(Payment payment, Fraction claimedPrice, RecipientSession session)
            throws PaymentRejectedException {
        TicketParams params = payment.ticketParams();
        Fraction credited = Fraction.ZERO;
        int creditedCount = 0;
        List<WinningTicket> winners = new ArrayList<>();
        PaymentRejectedException firstError = null;
        for (TicketSenderParams senderParams : payment.ticketSenderParams()) {
            Ticket ticket = params.ticket(payment.sender(), senderParams.senderNonce(), payment.expirationParams());
            try {
                receiveTicket(ticket, senderParams, params, claimedPrice, winners);
            } catch (PaymentRejectedException e) {
                if (e.isFatal()) {
                    throw e;
                }
                firstError = firstError == null ? e : firstError;
            }
            if (firstError == null) {
                credited = credited.add(ticket.expectedValue());
                creditedCount++;
            }
        }
        session.credit(credited);
        return new PaymentReceipt(credited, creditedCount, winners, firstError);
    }

    private void receiveTicket(Ticket ticket, TicketSenderParams senderParams, TicketParams params, Fraction price,
            List<WinningTicket> winners) throws PaymentRejectedException {
        SenderInfo info = chain.senderInfo(ticket.sender());
        if (info.unlocksSoon(chain.lastInitializedRound())) {
            throw new PaymentRejectedException("deposit and reserve for sender " + ticket.sender()
                    + " is set to unlock soon", true);
        }
        if (!ticket.recipient().equals(address)) {
            throw new PaymentRejectedException("invalid ticket recipient", true);
        }
        if (ticket.sender().isZero()) {
            throw new PaymentRejectedException("invalid ticket sender", true);
        }
        BigInteger rand = recipientRand(params.seed(), ticket.sender(), ticket.faceValue(), ticket.winProb(),
                params.expirationBlock(), price, ticket.auxData());
        if (!Arrays.equals(recipientRandHash(rand), ticket.recipientRandHash())) {
            throw new PaymentRejectedException("invalid recipientRand for ticket recipientRandHash", true);
        }
        if (!ticket.isSignedBySender(senderParams.sig())) {
            throw new PaymentRejectedException("invalid ticket signature", false);
        }
        nonces.accept(rand, params.expirationBlock(), ticket.sender(), ticket.senderNonce());
        if (ticket.isWinning(senderParams.sig(), rand)) {
            WinningTicket winning = new WinningTicket(ticket, senderParams.sig(), rand, params.expirationBlock());
            storeWinner(winning);
            winners.add(winning);
        }
        if (params.expirationBlock().compareTo(BigInteger.valueOf(chain.lastSeenL1Block())) <= 0) {
            throw new PaymentRejectedException("TicketParams expired", false);
        }
    }

    private void storeWinner(WinningTicket winning) {
        try {
            store.store(winning);
            LOG.info("winning ticket from {} nonce {} faceValue {}", winning.ticket().sender(),
                    winning.ticket().senderNonce(), winning.ticket().faceValue());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist winning ticket " + winning.hashHex(), e);
        }
    }

    /** Drops nonce sets of params that expired at or before {@code lastSeenL1Block}. */
    public void forgetExpiredNonces(long lastSeenL1Block) {
        nonces.forgetExpired(BigInteger.valueOf(lastSeenL1Block));
    }

    /** HMAC-SHA256(secret, minBE(seed) || sender || minBE(fv) || minBE(wp) || minBE(expBlock) || minBE(num) || minBE(den) || aux). */
    BigInteger recipientRand(BigInteger seed, Address sender, BigInteger faceValue, BigInteger winProb,
            BigInteger expirationBlock, Fraction price, byte[] auxData) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(256);
        message.writeBytes(Uint256.minBigEndian(seed));
        message.writeBytes(sender.bytes());
        message.writeBytes(Uint256.minBigEndian(faceValue));
        message.writeBytes(Uint256.minBigEndian(winProb));
        message.writeBytes(Uint256.minBigEndian(expirationBlock));
        message.writeBytes(Uint256.minBigEndian(price.numerator()));
        message.writeBytes(Uint256.minBigEndian(price.denominator()));
        message.writeBytes(auxData);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return new BigInteger(1, mac.doFinal(message.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] recipientRandHash(BigInteger recipientRand) {
        return Signatures.keccak256(Uint256.toBytes32(recipientRand));
    }

    @Override
    public String toString() {
        return "Recipient[" + address + ", secret redacted]";
    }
}
