package dev.streamflow.pm.sender;

import dev.streamflow.pm.money.Fraction;
import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.ticket.TicketParams;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The broadcaster's payment state with one orchestrator session (recipient + auth-token session id):
 * the credit balance, the price it started at, and the current ticket params. Every fresh
 * OrchestratorInfo starts a new PM session (nonces restart) while the credit carries over.
 */
public final class PaymentSession {
    /**
     * go-livepeer's {@code pixelEstimateMultiplier} 1.02 is a float64 turned into a big.Rat with
     * SetFloat64, so its exact value is the binary double nearest 1.02.
     */
    public static final Fraction PIXEL_ESTIMATE_MULTIPLIER =
            Fraction.of(new BigInteger("2296835809958953"), new BigInteger("2251799813685248"));
    private static final BigInteger PRICE_INCREASE_LIMIT = BigInteger.TWO;

    private final TicketSender sender;
    private final PriceInfo initialPrice;
    private TicketParams ticketParams;
    private PriceInfo latestPrice;
    private String pmSessionId;
    private Fraction balance = Fraction.ZERO;

    public PaymentSession(TicketSender sender, TicketParams ticketParams, PriceInfo price) {
        this.sender = sender;
        this.initialPrice = requireValid(price);
        update(ticketParams, price);
    }

    /** A fresh OrchestratorInfo (after GetOrchestrator or with a result): new params and price. */
    public synchronized void update(TicketParams ticketParams, PriceInfo price) {
        Objects.requireNonNull(ticketParams, "ticket params");
        if (pmSessionId != null) {
            sender.endSession(pmSessionId);
        }
        this.ticketParams = ticketParams;
        this.latestPrice = requireValid(price);
        this.pmSessionId = sender.startSession(ticketParams);
    }

    /**
     * Builds the payment for a segment of {@code estimatedPixels}: reserves the current credit and adds
     * as many tickets as it takes to cover max(fee, ticket EV). Settle the result with exactly one of
     * {@link #settle}, {@link #refund} or {@link #spent}.
     */
    public synchronized PendingPayment pay(long estimatedPixels) throws PaymentException {
        Fraction price = latestPrice.weiPerPixel();
        requirePriceNotDoubled(price);
        Fraction ev = ticketParams.expectedValue();
        Fraction fee = Fraction.of(estimatedPixels).multiply(PIXEL_ESTIMATE_MULTIPLIER).multiply(price);
        Fraction minCredit = fee.max(ev);
        Fraction reserved = balance;
        if (reserved.compareTo(minCredit) >= 0) {
            balance = Fraction.ZERO;
            return new PendingPayment(Payment.withoutTickets(sender.address(), latestPrice), reserved, Fraction.ZERO, price);
        }
        if (ev.signum() <= 0) {
            throw new PaymentException.InvalidTicketParams("ticket EV is zero but the segment costs " + fee + " wei");
        }
        int count = ticketCount(minCredit.subtract(reserved), ev);
        TicketBatch batch = sender.createTicketBatch(pmSessionId, count);
        balance = Fraction.ZERO;
        Payment payment = new Payment(batch.ticketParams(), sender.address(), batch.expirationParams(),
                batch.ticketSenderParams(), latestPrice);
        return new PendingPayment(payment, reserved, ev.multiply(BigInteger.valueOf(count)), price);
    }

    /** The orchestrator answered with a result for {@code actualPixels}: balance += C + N·EV − pixels × price. */
    public synchronized void settle(PendingPayment payment, long actualPixels) {
        Fraction cost = Fraction.of(actualPixels).multiply(payment.price());
        balance = balance.add(payment.reservedCredit()).add(payment.newCredit()).subtract(cost);
    }

    /** The request never left: the reserved credit comes back (the tickets were never seen). */
    public synchronized void refund(PendingPayment payment) {
        balance = balance.add(payment.reservedCredit());
    }

    /** The request was sent but failed: the credit is considered spent, nothing comes back. */
    public synchronized void spent(PendingPayment payment) {
        // deliberately nothing: go-livepeer treats it as spent too
    }

    public synchronized Fraction balance() {
        return balance;
    }

    public synchronized TicketParams ticketParams() {
        return ticketParams;
    }

    public synchronized PriceInfo latestPrice() {
        return latestPrice;
    }

    public PriceInfo initialPrice() {
        return initialPrice;
    }

    private void requirePriceNotDoubled(Fraction price) throws PaymentException.PriceIncreased {
        Fraction limit = initialPrice.weiPerPixel().multiply(PRICE_INCREASE_LIMIT);
        if (price.compareTo(limit) > 0) {
            throw new PaymentException.PriceIncreased("Orchestrator price has more than doubled, Orchestrator price: "
                    + price + ", Orchestrator initial price: " + initialPrice.weiPerPixel());
        }
    }

    private static int ticketCount(Fraction missingCredit, Fraction ev) throws PaymentException.InvalidTicketParams {
        BigInteger count = missingCredit.divide(ev).ceil();
        if (count.bitLength() > 31) {
            throw new PaymentException.InvalidTicketParams("a segment would need " + count + " tickets of EV " + ev);
        }
        return count.intValueExact();
    }

    private static PriceInfo requireValid(PriceInfo price) {
        if (price == null || !price.isValid()) {
            throw new IllegalArgumentException("invalid orchestrator price " + price);
        }
        return price;
    }

    /** A payment on its way, with what it took from and adds to the balance. */
    public record PendingPayment(Payment payment, Fraction reservedCredit, Fraction newCredit, Fraction price) {
        public int ticketCount() {
            return payment.ticketSenderParams().size();
        }
    }
}
