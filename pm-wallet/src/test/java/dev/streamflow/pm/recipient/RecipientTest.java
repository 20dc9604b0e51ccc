package dev.streamflow.pm.recipient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.sender.Payment;
import dev.streamflow.pm.sender.PaymentSession;
import dev.streamflow.pm.sender.SenderLimits;
import dev.streamflow.pm.sender.TicketSender;
import dev.streamflow.pm.sender.TicketSenderParams;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketParams;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientTest {
    static final BigInteger EV = BigInteger.valueOf(8_000_000_000L);
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final PriceInfo PRICE = PriceInfo.of(1_000, 1);

    @TempDir
    Path dir;

    final FakeRecipientChain chain = new FakeRecipientChain();
    final EthereumKey senderKey = EthereumKey.generate(new SecureRandom());
    final EthereumKey orchestratorKey = EthereumKey.generate(new SecureRandom());
    final TicketSender sender = new TicketSender(senderKey, chain, SenderLimits.DEFAULTS);

    Recipient recipient(RecipientConfig config, WinningTicketStore store) {
        return new Recipient(orchestratorKey.address(), chain, config, store, new SecureRandom());
    }

    Recipient recipient() throws Exception {
        return recipient(RecipientConfig.ARBITRUM_DEFAULTS, new FileWinningTicketStore(dir.resolve("tickets")));
    }

    /** A config whose tickets win with probability EV/(EV+1): practically every ticket wins. */
    Recipient alwaysWinning(WinningTicketStore store) {
        chain.gasPrice = BigInteger.ZERO; // else a face value this small is below the redemption cost and refused
        return recipient(new RecipientConfig(EV, RecipientConfig.ARBITRUM_REDEEM_GAS, 100, EV.add(BigInteger.ONE), 40), store);
    }

    @Test
    void faceValueIsTxCostTimesMultiplierAndWinProbGivesAtLeastTheTargetEv() throws Exception {
        Recipient recipient = recipient();
        TicketParams params = recipient.ticketParams(senderKey.address(), PRICE.weiPerPixel());
        BigInteger txCost = chain.gasPrice.multiply(BigInteger.valueOf(1_200_000));
        assertEquals(txCost.multiply(BigInteger.valueOf(100)), params.faceValue());
        Fraction ev = params.expectedValue();
        assertTrue(ev.compareTo(Fraction.of(EV)) >= 0, "EV ≥ target");
        assertTrue(ev.compareTo(Fraction.of(EV.add(BigInteger.ONE))) < 0, "EV within one wei of the target");
        assertEquals(BigInteger.valueOf(chain.l1Block + 40), params.expirationBlock());
        assertEquals(chain.roundParams, params.expirationParams());
        assertEquals(orchestratorKey.address(), params.recipient());
    }

    @Test
    void winProbFollowsTheCeilingRule() throws Exception {
        Recipient recipient = recipient();
        BigInteger fv = BigInteger.valueOf(12_000_000_000_000L);
        BigInteger[] qr = Ticket.MAX_WIN_PROB.divideAndRemainder(fv);
        assertTrue(qr[1].signum() != 0);
        assertEquals(EV.multiply(qr[0].add(BigInteger.ONE)), recipient.winProb(fv));
        assertEquals(Ticket.MAX_WIN_PROB, recipient.winProb(EV));
        assertEquals(BigInteger.ZERO, recipient.winProb(BigInteger.ZERO));
        BigInteger exactDivisor = Ticket.MAX_WIN_PROB.divide(BigInteger.valueOf(3)); // 3 | 2^256−1: no remainder
        assertEquals(EV.multiply(BigInteger.valueOf(3)), recipient.winProb(exactDivisor));
    }

    @Test
    void withoutGasPriceTheFaceValueIsEvTimesTheMultiplier() throws Exception {
        chain.gasPrice = null;
        assertEquals(EV.multiply(BigInteger.valueOf(100)), recipient().faceValue(senderKey.address(), PRICE.weiPerPixel()));
    }

    @Test
    void freeWorkHasZeroFaceValueAndWinProb() throws Exception {
        TicketParams params = recipient().ticketParams(senderKey.address(), Fraction.ZERO);
        assertEquals(BigInteger.ZERO, params.faceValue());
        assertEquals(BigInteger.ZERO, params.winProb());
    }

    @Test
    void faceValueIsCappedByTheReserveShareAndMaxFaceValue() throws Exception {
        chain.sender = new SenderInfo(ETH, 0, BigInteger.valueOf(100_000_000_000_000L), BigInteger.ZERO);
        chain.claimed = BigInteger.valueOf(1_000_000_000_000L);
        chain.gasPrice = BigInteger.valueOf(100_000); // txCost 1.2e11, ×100 = 1.2e13
        // reserve share (1e14 + 0) / 10 − 1e12 = 9e12 < 1.2e13
        assertEquals(BigInteger.valueOf(9_000_000_000_000L), recipient().faceValue(senderKey.address(), PRICE.weiPerPixel()));
        Recipient capped = recipient(new RecipientConfig(EV, 1_200_000, 100, BigInteger.valueOf(5_000_000_000_000L), 40),
                new FileWinningTicketStore(dir.resolve("c")));
        assertEquals(BigInteger.valueOf(5_000_000_000_000L), capped.faceValue(senderKey.address(), PRICE.weiPerPixel()));
    }

    @Test
    void tooSmallAReserveIsRefused() throws Exception {
        chain.sender = new SenderInfo(ETH, 0, BigInteger.valueOf(70_000_000_000L), BigInteger.ZERO); // share 7e9 < EV
        TicketParamsException e = assertThrows(TicketParamsException.class,
                () -> recipient().ticketParams(senderKey.address(), PRICE.weiPerPixel()));
        assertEquals("insufficient sender reserve", e.getMessage());
        chain.poolSize = 0;
        chain.sender = new SenderInfo(ETH, 0, ETH, BigInteger.ZERO);
        assertThrows(TicketParamsException.class, () -> recipient().ticketParams(senderKey.address(), PRICE.weiPerPixel()));
    }

    @Test
    void faceValueBelowTxCostAndBelowThreeGweiOfGasIsRefused() throws Exception {
        chain.gasPrice = BigInteger.valueOf(1_000_000_000L);                                        // txCost 1.2e15
        chain.sender = new SenderInfo(ETH, 0, BigInteger.valueOf(10_000_000_000_000L), BigInteger.ZERO); // share 1e12
        TicketParamsException e = assertThrows(TicketParamsException.class,
                () -> recipient().faceValue(senderKey.address(), PRICE.weiPerPixel()));
        assertEquals("insufficient sender reserve", e.getMessage());
    }

    @Test
    void pendingWinnersReduceTheFloatUnlessTheDepositCoversThem() throws Exception {
        WinningTicketStore store = new FileWinningTicketStore(dir.resolve("pending"));
        chain.sender = new SenderInfo(ETH, 0, BigInteger.valueOf(100_000_000_000_000L), BigInteger.ZERO);
        Recipient recipient = alwaysWinning(store);
        Recipient issuer = recipient(RecipientConfig.ARBITRUM_DEFAULTS, store);
        store.store(fakeWinner(BigInteger.valueOf(2_000_000_000_000L)));
        // reserve share 1e13; pending 2e12; deposit 1 ETH ≥ 3 × pending → float stays 1e13
        assertEquals(BigInteger.valueOf(10_000_000_000_000L), issuer.maxFloat(senderKey.address()));
        chain.sender = new SenderInfo(BigInteger.valueOf(5_999_999_999_999L), 0, BigInteger.valueOf(100_000_000_000_000L),
                BigInteger.ZERO);
        assertEquals(BigInteger.valueOf(8_000_000_000_000L), issuer.maxFloat(senderKey.address()));
        assertTrue(recipient.address().equals(orchestratorKey.address()));
    }

    @Test
    void paymentFromOurSenderIsCreditedAtTicketEv() throws Exception {
        Recipient recipient = recipient();
        RecipientSession session = new RecipientSession(senderKey.address(), "abcd0123", PRICE.weiPerPixel());
        Payment payment = pay(recipient, 3);
        PaymentReceipt receipt = recipient.processPayment(payment, session);
        assertTrue(receipt.accepted());
        assertEquals(3, receipt.ticketsCredited());
        assertEquals(payment.ticketParams().expectedValue().multiply(BigInteger.valueOf(3)), session.balance());
        session.requireBalanceFor(recipient.ticketEV());
    }

    @Test
    void replayedNoncesAreRefusedAndNotCredited() throws Exception {
        Recipient recipient = recipient();
        RecipientSession session = new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel());
        Payment payment = pay(recipient, 2);
        recipient.processPayment(payment, session);
        Fraction afterFirst = session.balance();
        PaymentReceipt replay = recipient.processPayment(payment, session);
        assertFalse(replay.accepted());
        assertFalse(replay.error().isFatal());
        assertEquals("invalid ticket senderNonce: already seen sender=" + senderKey.address() + " nonce=1",
                replay.error().getMessage());
        assertEquals(0, replay.ticketsCredited());
        assertEquals(afterFirst, session.balance());
    }

    @Test
    void atMost600NoncesPerRecipientRand() throws Exception {
        Recipient recipient = recipient();
        RecipientSession session = new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel());
        TicketParams params = recipient.ticketParams(senderKey.address(), PRICE.weiPerPixel());
        Payment payment = signed(params, 601);
        PaymentReceipt receipt = recipient.processPayment(payment, session);
        assertEquals(600, receipt.ticketsCredited());
        assertEquals("invalid ticket senderNonce: too many values sender=" + senderKey.address() + " nonce=601",
                receipt.error().getMessage());
    }

    @Test
    void aClaimedPriceOtherThanTheOfferedOneBreaksTheRecipientRand() throws Exception {
        Recipient recipient = recipient();
        TicketParams params = recipient.ticketParams(senderKey.address(), PRICE.weiPerPixel());
        Payment honest = signed(params, 1);
        Payment cheaper = new Payment(honest.ticketParams(), honest.sender(), honest.expirationParams(),
                honest.ticketSenderParams(), PriceInfo.of(999, 1));
        PaymentRejectedException e = assertThrows(PaymentRejectedException.class,
                () -> recipient.processPayment(cheaper, new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel())));
        assertEquals("invalid recipientRand for ticket recipientRandHash", e.getMessage());
        assertTrue(e.isFatal());
    }

    @Test
    void ticketsForAnotherRecipientAreFatal() throws Exception {
        Recipient other = new Recipient(Address.parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F"), chain,
                RecipientConfig.ARBITRUM_DEFAULTS, new FileWinningTicketStore(dir.resolve("o")), new SecureRandom());
        Payment payment = signed(other.ticketParams(senderKey.address(), PRICE.weiPerPixel()), 1);
        PaymentRejectedException e = assertThrows(PaymentRejectedException.class,
                () -> recipient().processPayment(payment, new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel())));
        assertEquals("invalid ticket recipient", e.getMessage());
    }

    @Test
    void badSignatureIsNonFatalAndStopsCreditForLaterTickets() throws Exception {
        Recipient recipient = recipient();
        Payment good = pay(recipient, 3);
        List<TicketSenderParams> tampered = new ArrayList<>(good.ticketSenderParams());
        Signature foreign = EthereumKey.generate(new SecureRandom()).signHash(new byte[32]);
        tampered.set(1, new TicketSenderParams(tampered.get(1).senderNonce(), foreign));
        Payment bad = new Payment(good.ticketParams(), good.sender(), good.expirationParams(), tampered, good.expectedPrice());
        RecipientSession session = new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel());
        PaymentReceipt receipt = recipient.processPayment(bad, session);
        assertEquals("invalid ticket signature", receipt.error().getMessage());
        assertFalse(receipt.error().isFatal());
        assertEquals(1, receipt.ticketsCredited());
        assertEquals(good.ticketParams().expectedValue(), session.balance());
    }

    @Test
    void expiredParamsAreRefusedButAWinnerIsStillKept() throws Exception {
        WinningTicketStore store = new FileWinningTicketStore(dir.resolve("w"));
        Recipient recipient = alwaysWinning(store);
        Payment payment = signed(recipient.ticketParams(senderKey.address(), PRICE.weiPerPixel()), 1);
        chain.l1Block += 40; // now == expirationBlock
        PaymentReceipt receipt = recipient.processPayment(payment, new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel()));
        assertEquals("TicketParams expired", receipt.error().getMessage());
        assertEquals(0, receipt.ticketsCredited());
        assertEquals(1, receipt.winners().size());
        assertEquals(1, store.pending().size());
    }

    @Test
    void senderUnlockingSoonIsFatal() throws Exception {
        Recipient recipient = recipient();
        Payment payment = pay(recipient, 1);
        chain.sender = new SenderInfo(ETH, chain.round + 1, ETH, BigInteger.ZERO);
        PaymentRejectedException e = assertThrows(PaymentRejectedException.class,
                () -> recipient.processPayment(payment, new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel())));
        assertEquals("deposit and reserve for sender " + senderKey.address() + " is set to unlock soon", e.getMessage());
        assertTrue(e.isFatal());
    }

    @Test
    void paymentLevelChecks() throws Exception {
        Recipient recipient = recipient();
        RecipientSession session = new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel());
        Payment payment = pay(recipient, 1);
        Payment noPrice = new Payment(payment.ticketParams(), payment.sender(), payment.expirationParams(),
                payment.ticketSenderParams(), PriceInfo.of(1, 0));
        PaymentRejectedException e = assertThrows(PaymentRejectedException.class, () -> recipient.processPayment(noPrice, session));
        assertTrue(e.getMessage().startsWith("invalid expected price sent with payment"), e.getMessage());
        chain.active = false;
        e = assertThrows(PaymentRejectedException.class, () -> recipient.processPayment(payment, session));
        assertEquals("orchestrator " + orchestratorKey.address() + " is inactive in round 50, cannot process payments",
                e.getMessage());
    }

    @Test
    void paymentWithoutTicketsCreditsNothingAndTheBalanceCheckUsesOurPrice() throws Exception {
        Recipient recipient = recipient();
        RecipientSession session = new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel());
        Payment claimsFree = Payment.withoutTickets(senderKey.address(), PriceInfo.of(0, 1));
        PaymentReceipt receipt = recipient.processPayment(claimsFree, session);
        assertTrue(receipt.accepted());
        assertEquals(Fraction.ZERO, session.balance());
        PaymentRejectedException e = assertThrows(PaymentRejectedException.class,
                () -> session.requireBalanceFor(recipient.ticketEV()));
        assertEquals("Insufficient balance", e.getMessage());
    }

    @Test
    void workIsChargedAtTheSessionsFixedPrice() throws Exception {
        Recipient recipient = recipient();
        RecipientSession session = new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel());
        recipient.processPayment(pay(recipient, 2), session);
        Fraction before = session.balance();
        session.debit(1_000_000);
        assertEquals(before.subtract(Fraction.of(1_000_000_000L)), session.balance());
    }

    @Test
    void winningTicketsAreStoredWithWhatRedemptionNeeds() throws Exception {
        WinningTicketStore store = new FileWinningTicketStore(dir.resolve("win"));
        Recipient recipient = alwaysWinning(store);
        PaymentReceipt receipt = recipient.processPayment(signed(recipient.ticketParams(senderKey.address(),
                PRICE.weiPerPixel()), 2), new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel()));
        assertTrue(receipt.accepted());
        assertEquals(2, receipt.winners().size());

        List<WinningTicket> reopened = new FileWinningTicketStore(dir.resolve("win")).pending();
        assertEquals(receipt.winners(), reopened);
        for (WinningTicket winning : reopened) {
            assertTrue(winning.ticket().isSignedBySender(winning.sig()));
            assertTrue(winning.ticket().isWinning(winning.sig(), winning.recipientRand()));
            assertArrayEquals(winning.ticket().recipientRandHash(), Recipient.recipientRandHash(winning.recipientRand()));
            assertEquals(64, winning.ticket().auxData().length);
        }
    }

    @Test
    void toStringHidesTheSecret() throws Exception {
        assertEquals("Recipient[" + orchestratorKey.address() + ", secret redacted]", recipient().toString());
    }

    private Payment pay(Recipient recipient, int tickets) throws Exception {
        TicketParams params = recipient.ticketParams(senderKey.address(), PRICE.weiPerPixel());
        return signed(params, tickets);
    }

    /** Exactly {@code tickets} tickets through the real sender code. */
    private Payment signed(TicketParams params, int tickets) throws Exception {
        TicketSender unlimited = new TicketSender(senderKey, chain,
                new SenderLimits(ETH, ETH, BigInteger.ONE));
        var batch = unlimited.createTicketBatch(unlimited.startSession(params), tickets);
        return new Payment(batch.ticketParams(), senderKey.address(), batch.expirationParams(), batch.ticketSenderParams(), PRICE);
    }

    private WinningTicket fakeWinner(BigInteger faceValue) {
        Ticket ticket = new Ticket(orchestratorKey.address(), senderKey.address(), faceValue, Ticket.MAX_WIN_PROB, 1,
                new byte[32], chain.roundParams);
        return new WinningTicket(ticket, ticket.sign(senderKey), BigInteger.ONE, BigInteger.valueOf(1_040));
    }

    @Test
    void aPaymentSessionFromTheSenderSideIsAcceptedEndToEnd() throws Exception {
        Recipient recipient = recipient();
        RecipientSession orchestratorSide = new RecipientSession(senderKey.address(), "s", PRICE.weiPerPixel());
        PaymentSession broadcasterSide = new PaymentSession(sender,
                recipient.ticketParams(senderKey.address(), PRICE.weiPerPixel()), PRICE);
        PaymentSession.PendingPayment pending = broadcasterSide.pay(2_211_840);
        PaymentReceipt receipt = recipient.processPayment(pending.payment(), orchestratorSide);
        assertTrue(receipt.accepted());
        assertEquals(pending.newCredit(), receipt.credited());
        orchestratorSide.requireBalanceFor(recipient.ticketEV());
        assertNull(pending.payment().ticketParams().expirationParams());
    }
}
