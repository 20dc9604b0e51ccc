package dev.streamflow.pm.sender;

import static dev.streamflow.pm.sender.SenderFixtures.SENDER_KEY;
import static dev.streamflow.pm.sender.SenderFixtures.paramsWithEv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.chain.FixedChain;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.sender.PaymentSession.PendingPayment;
import dev.streamflow.pm.ticket.TicketParams;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PaymentSessionTest {
    private final FixedChain chain = new FixedChain();
    private final TicketSender sender = new TicketSender(SENDER_KEY, chain, SenderLimits.DEFAULTS);

    @Test
    void multiplierIsTheExactFloat64ValueOf102() {
        Fraction m = PaymentSession.PIXEL_ESTIMATE_MULTIPLIER;
        assertEquals(BigInteger.ONE.shiftLeft(51), m.denominator());
        assertTrue(m.compareTo(Fraction.of(102, 100)) > 0, "float64 1.02 is slightly above 102/100");
        assertTrue(m.subtract(Fraction.of(102, 100)).compareTo(Fraction.of(BigInteger.ONE, BigInteger.TEN.pow(16))) < 0);
    }

    @Test
    void ticketsCoverTheFeeExactlyAsGoLivepeerCountsThem() throws Exception {
        // fee = 100 px × 1.02(float64) × 1 wei/px = 102.0000000000000018 > 2 × EV 51, so 3 tickets, not 2
        PaymentSession session = new PaymentSession(sender, paramsWithEv(51, 1_040), PriceInfo.of(1, 1));
        PendingPayment pending = session.pay(100);
        assertEquals(3, pending.ticketCount());
        assertEquals(Fraction.of(153), pending.newCredit());
        assertEquals(Fraction.ZERO, pending.reservedCredit());
    }

    @Test
    void ticketsCoverTheGoFeeVector() throws Exception {
        // TestEstimateFee: 2211840 px at 3 wei/px → fee = 2211840 × 1.02 × 3 ≈ 6 768 230.4; EV 500 000 → 14 tickets
        PaymentSession session = new PaymentSession(sender, paramsWithEv(500_000, 1_040), PriceInfo.of(3, 1));
        PendingPayment pending = session.pay(2_211_840);
        assertEquals(14, pending.ticketCount());
        Fraction expectedFee = Fraction.of(2_211_840).multiply(PaymentSession.PIXEL_ESTIMATE_MULTIPLIER).multiply(Fraction.of(3));
        assertTrue(Fraction.of(13 * 500_000).compareTo(expectedFee) < 0);
        assertTrue(Fraction.of(14 * 500_000).compareTo(expectedFee) >= 0);
    }

    @Test
    void atLeastOneTicketEvenForAFreeSegment() throws Exception {
        PaymentSession session = new PaymentSession(sender, paramsWithEv(1_000, 1_040), PriceInfo.of(1, 1));
        assertEquals(1, session.pay(0).ticketCount()); // minCredit = max(fee, EV)
    }

    @Test
    void paymentEchoesParamsAndExpectedPriceUnchanged() throws Exception {
        TicketParams params = paramsWithEv(1_000, 1_040);
        PriceInfo price = new PriceInfo(7, 3, 0, "");
        PaymentSession session = new PaymentSession(sender, params, price);
        Payment payment = session.pay(10).payment();
        assertEquals(params.withoutExpirationParams(), payment.ticketParams());
        assertEquals(params.expirationParams(), payment.expirationParams());
        assertSame(price, payment.expectedPrice());
        assertEquals(SENDER_KEY.address(), payment.sender());
        assertTrue(payment.tickets().stream().allMatch(t -> t.isSignedBySender(
                payment.ticketSenderParams().get((int) t.senderNonce() - 1).sig())));
    }

    @Test
    void creditCarriesOverAndSettlesExactly() throws Exception {
        PaymentSession session = new PaymentSession(sender, paramsWithEv(1_000, 1_040), PriceInfo.of(1, 1));
        PendingPayment first = session.pay(2_500); // fee 2550.000… → 3 tickets, credit 3000
        assertEquals(3, first.ticketCount());
        session.settle(first, 1_000);              // balance = 0 + 3000 − 1000
        assertEquals(Fraction.of(2_000), session.balance());

        session.update(paramsWithEv(1_000, 1_040), PriceInfo.of(1, 1)); // fresh params with the result
        PendingPayment second = session.pay(1_000); // fee 1020.000… ≤ 2000: no tickets
        assertFalse(second.payment().hasTickets());
        assertNull(second.payment().ticketParams());
        assertEquals(SENDER_KEY.address(), second.payment().sender());
        assertEquals(PriceInfo.of(1, 1), second.payment().expectedPrice());
        assertEquals(Fraction.ZERO, session.balance(), "credit is reserved while the segment is in flight");
        session.settle(second, 1_500);
        assertEquals(Fraction.of(500), session.balance());
    }

    @Test
    void unsentRequestGetsItsCreditBackAndAFailedOneDoesNot() throws Exception {
        PaymentSession session = new PaymentSession(sender, paramsWithEv(1_000, 1_040), PriceInfo.of(1, 1));
        session.settle(session.pay(0), 0); // balance 1000
        PendingPayment unsent = session.pay(100);
        session.refund(unsent);
        assertEquals(Fraction.of(1_000), session.balance());
        PendingPayment failed = session.pay(100);
        session.spent(failed);
        assertEquals(Fraction.ZERO, session.balance());
    }

    @Test
    void newParamsRestartNoncesButKeepTheSession() throws Exception {
        PaymentSession session = new PaymentSession(sender, paramsWithEv(1_000, 1_040), PriceInfo.of(1, 1));
        assertEquals(2, session.pay(1_500).ticketCount()); // nonces 1, 2
        session.update(paramsWithEv(1_000, 1_040), PriceInfo.of(1, 1));
        Payment next = session.pay(1_500).payment();
        assertEquals(1L, next.ticketSenderParams().get(0).senderNonce());
    }

    @Test
    void priceMoreThanDoubledIsRefused() throws Exception {
        PaymentSession session = new PaymentSession(sender, paramsWithEv(1_000, 1_040), PriceInfo.of(3, 2));
        session.update(paramsWithEv(1_000, 1_040), PriceInfo.of(3, 1)); // exactly double: fine
        session.pay(10);
        session.update(paramsWithEv(1_000, 1_040), PriceInfo.of(3_000_001, 1_000_000));
        PaymentException e = assertThrows(PaymentException.PriceIncreased.class, () -> session.pay(10));
        assertTrue(e.getMessage().startsWith("Orchestrator price has more than doubled"), e.getMessage());
    }

    @Test
    void expiredParamsLeaveTheCreditUntouched() throws Exception {
        PaymentSession session = new PaymentSession(sender, paramsWithEv(1_000, 1_040), PriceInfo.of(1, 1));
        session.settle(session.pay(0), 500); // balance 500
        session.update(paramsWithEv(1_000, chain.l1Block + 1), PriceInfo.of(1, 1));
        assertThrows(PaymentException.TicketParamsExpired.class, () -> session.pay(2_000));
        assertEquals(Fraction.of(500), session.balance());
    }

    @Test
    void zeroEvWithAPriceCannotPay() {
        TicketParams free = SenderFixtures.params(BigInteger.ZERO, BigInteger.ZERO, 1_040);
        PaymentSession session = new PaymentSession(sender, free, PriceInfo.of(1, 1));
        assertThrows(PaymentException.InvalidTicketParams.class, () -> session.pay(100));
    }

    @Test
    void offchainPaymentIsEmpty() {
        Payment offchain = Payment.offchain();
        assertTrue(offchain.isOffchain());
        assertNull(offchain.ticketParams());
        assertNull(offchain.sender());
        assertNull(offchain.expectedPrice());
        assertTrue(offchain.ticketSenderParams().isEmpty());
        assertFalse(Payment.withoutTickets(SENDER_KEY.address(), PriceInfo.of(1, 1)).isOffchain());
    }

    @Test
    void invalidPricesAreRejectedUpFront() {
        assertThrows(IllegalArgumentException.class,
                () -> new PaymentSession(sender, paramsWithEv(1_000, 1_040), PriceInfo.of(1, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> new PaymentSession(sender, paramsWithEv(1_000, 1_040), PriceInfo.of(-1, 1)));
    }
}
