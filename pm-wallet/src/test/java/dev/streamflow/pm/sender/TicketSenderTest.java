package dev.streamflow.pm.sender;

import static dev.streamflow.pm.sender.SenderFixtures.ONE_FIFTH;
import static dev.streamflow.pm.sender.SenderFixtures.SENDER_KEY;
import static dev.streamflow.pm.sender.SenderFixtures.params;
import static dev.streamflow.pm.sender.SenderFixtures.paramsWithEv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.chain.FixedChain;
import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import dev.streamflow.pm.ticket.TicketParams;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketSenderTest {
    private final FixedChain chain = new FixedChain();
    private final TicketSender sender = new TicketSender(SENDER_KEY, chain, SenderLimits.DEFAULTS);

    @Test
    void noncesStartAtOneAndContinueWithinASession() throws Exception {
        String session = sender.startSession(paramsWithEv(1_000, 1_040));
        assertEquals(List.of(1L, 2L, 3L), nonces(sender.createTicketBatch(session, 3)));
        assertEquals(List.of(4L, 5L), nonces(sender.createTicketBatch(session, 2)));
    }

    @Test
    void newParamsStartANewSessionWithNoncesFromOne() throws Exception {
        String first = sender.startSession(paramsWithEv(1_000, 1_040));
        sender.createTicketBatch(first, 4);
        String second = sender.startSession(paramsWithEv(1_000, 1_040));
        assertTrue(!first.equals(second));
        assertEquals(List.of(1L), nonces(sender.createTicketBatch(second, 1)));
    }

    @Test
    void ticketsAreSignedBySenderOverTheEchoedParams() throws Exception {
        TicketParams fromOrchestrator = paramsWithEv(1_000, 1_040);
        TicketBatch batch = sender.createTicketBatch(sender.startSession(fromOrchestrator), 2);
        assertEquals(fromOrchestrator.withoutExpirationParams(), batch.ticketParams());
        assertNull(batch.ticketParams().expirationParams());
        assertEquals(fromOrchestrator.expirationParams(), batch.expirationParams());
        for (TicketSenderParams signed : batch.ticketSenderParams()) {
            Ticket ticket = fromOrchestrator.ticket(SENDER_KEY.address(), signed.senderNonce(), batch.expirationParams());
            assertTrue(ticket.isSignedBySender(signed.sig()));
        }
    }

    @Test
    void missingOrZeroExpirationParamsFallBackToTheSendersOwnRound() throws Exception {
        TicketParams base = paramsWithEv(1_000, 1_040);
        TicketParams zeroAux = new TicketParams(base.recipient(), base.faceValue(), base.winProb(), base.recipientRandHash(),
                base.seed(), base.expirationBlock(), TicketExpirationParams.NONE);
        TicketBatch batch = sender.createTicketBatch(sender.startSession(zeroAux), 1);
        assertEquals(chain.roundParams, batch.expirationParams());
    }

    @Test
    void paramsExpiringWithinOneBlockMustBeRefreshed() throws Exception {
        String expiring = sender.startSession(paramsWithEv(1_000, chain.l1Block + 1));
        PaymentException e = assertThrows(PaymentException.TicketParamsExpired.class,
                () -> sender.createTicketBatch(expiring, 1));
        assertTrue(e.getMessage().startsWith("TicketParams expired"), e.getMessage());
        sender.createTicketBatch(sender.startSession(paramsWithEv(1_000, chain.l1Block + 2)), 1);
    }

    @Test
    void ticketEvAboveTheMaximumIsRefused() throws Exception {
        sender.validateTicketParams(paramsWithEv(3_000_000_000_000L, 1_040), 1);
        assertInvalid(paramsWithEv(3_000_000_000_001L, 1_040), 1, "ticket EV higher than max EV");
    }

    @Test
    void totalEvAboveTheMaximumIsRefused() throws Exception {
        sender.validateTicketParams(paramsWithEv(2_000_000_000_000L, 1_040), 10);
        assertInvalid(paramsWithEv(2_000_000_000_000L, 1_040), 11, "total ticket EV higher than max total EV");
    }

    @Test
    void faceValueAboveDepositOverMultiplierIsRefused() throws Exception {
        TicketSender strict = new TicketSender(SENDER_KEY, chain,
                new SenderLimits(BigInteger.TEN.pow(18), BigInteger.TEN.pow(18), BigInteger.TWO));
        chain.sender = new SenderInfo(BigInteger.valueOf(1_000_001), 0, BigInteger.ONE, BigInteger.ZERO);
        strict.validateTicketParams(params(BigInteger.valueOf(500_000), ONE_FIFTH, 1_040), 1);
        PaymentException e = assertThrows(PaymentException.InvalidTicketParams.class,
                () -> strict.validateTicketParams(params(BigInteger.valueOf(500_001), ONE_FIFTH, 1_040), 1));
        assertTrue(e.getMessage().startsWith("ticket faceValue higher than max faceValue"), e.getMessage());
    }

    @Test
    void evNotBelowFaceValueIsRefused() {
        assertInvalid(params(BigInteger.valueOf(1_000), Ticket.MAX_WIN_PROB, 1_040), 1, "ticket faceValue too low");
    }

    @Test
    void zeroEvNeedsNoFurtherChecks() throws Exception {
        chain.sender = new SenderInfo(BigInteger.ZERO, 0, BigInteger.ZERO, BigInteger.ZERO);
        sender.validateTicketParams(params(BigInteger.ZERO, BigInteger.ZERO, 1_040), 100);
    }

    @Test
    void senderStateErrorsStopTheStream() {
        chain.sender = new SenderInfo(BigInteger.ZERO, 0, BigInteger.TEN.pow(18), BigInteger.ZERO);
        assertSenderError("no sender deposit");
        chain.sender = new SenderInfo(BigInteger.TEN.pow(18), 0, BigInteger.ZERO, BigInteger.ZERO);
        assertSenderError("no sender reserve");
        chain.sender = new SenderInfo(BigInteger.TEN.pow(18), chain.round + 1, BigInteger.TEN.pow(18), BigInteger.ZERO);
        assertSenderError("deposit and reserve is set to unlock soon");
    }

    @Test
    void anUnlockFurtherAwayIsStillAccepted() throws Exception {
        chain.sender = new SenderInfo(BigInteger.TEN.pow(18), chain.round + 2, BigInteger.TEN.pow(18), BigInteger.ZERO);
        sender.validateTicketParams(paramsWithEv(1_000, 1_040), 1);
    }

    private void assertSenderError(String message) {
        PaymentException e = assertThrows(PaymentException.SenderValidation.class,
                () -> sender.validateTicketParams(paramsWithEv(1_000, 1_040), 1));
        assertEquals(message, e.getMessage());
    }

    private void assertInvalid(TicketParams params, int count, String prefix) {
        PaymentException e = assertThrows(PaymentException.InvalidTicketParams.class,
                () -> sender.validateTicketParams(params, count));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    private static List<Long> nonces(TicketBatch batch) {
        return batch.ticketSenderParams().stream().map(TicketSenderParams::senderNonce).toList();
    }
}
