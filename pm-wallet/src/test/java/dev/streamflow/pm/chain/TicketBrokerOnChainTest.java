package dev.streamflow.pm.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.testchain.ChainRig;
import dev.streamflow.pm.testchain.LivepeerRig;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chain clients against the real TicketBroker, Controller and AdjustableRoundsManager bytecode. */
class TicketBrokerOnChainTest {
    @RegisterExtension
    static final ChainRig CHAIN = new ChainRig();

    private static final BigInteger ETH = BigInteger.TEN.pow(18);

    @Test
    void resolvesEveryContractThroughTheController() {
        LivepeerContracts c = CHAIN.rig().contracts();
        assertEquals(LivepeerRig.FIRST_ROUND, c.roundsManager().currentRound());
        assertEquals(LivepeerRig.FIRST_ROUND, c.roundsManager().lastInitializedRound());
        assertTrue(c.roundsManager().currentRoundInitialized());
        assertEquals(LivepeerRig.ROUND_LENGTH, c.roundsManager().roundLength());
        assertArrayEquals(CHAIN.rig().roundBlockHash(), c.roundsManager().blockHashForRound(LivepeerRig.FIRST_ROUND));
        assertEquals(LivepeerRig.UNLOCK_PERIOD, c.ticketBroker().unlockPeriod());
        assertEquals(LivepeerRig.TICKET_VALIDITY_PERIOD, c.ticketBroker().ticketValidityPeriod());
        assertFalse(c.controller().paused());
    }

    @Test
    void fundsDepositAndReserveAndReadsThemBack() {
        EthereumKey key = CHAIN.rig().fundedKey(ETH.multiply(BigInteger.TEN));
        TransactionSender sender = CHAIN.rig().sender(key);
        TicketBroker broker = CHAIN.rig().contracts().ticketBroker();

        BigInteger before = CHAIN.rig().eth().balance(key.address());
        TxReceipt funded = broker.fundDepositAndReserve(sender, ETH, ETH.multiply(BigInteger.TWO));
        TxReceipt deposited = broker.fundDeposit(sender, BigInteger.valueOf(7));

        assertEquals(new SenderInfo(ETH.add(BigInteger.valueOf(7)), 0, ETH.multiply(BigInteger.TWO), BigInteger.ZERO),
                broker.senderInfo(key.address()));
        BigInteger spent = ETH.multiply(BigInteger.valueOf(3)).add(BigInteger.valueOf(7)).add(funded.fee()).add(deposited.fee());
        assertEquals(before.subtract(spent), CHAIN.rig().eth().balance(key.address()));
    }

    @Test
    void localTicketHashEqualsTheContractsHash() {
        Address sender = EthereumKey.generate(new SecureRandom()).address();
        byte[] randHash = new byte[32];
        new SecureRandom().nextBytes(randHash);
        Ticket ticket = new Ticket(Address.parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F"), sender,
                BigInteger.valueOf(123_456_789), Ticket.MAX_WIN_PROB.shiftRight(3), 42, randHash,
                new TicketExpirationParams(LivepeerRig.FIRST_ROUND, CHAIN.rig().roundBlockHash()));
        assertArrayEquals(ticket.hash(), CHAIN.rig().contracts().ticketBroker().ticketHash(ticket));
    }

    @Test
    void aRefusedCallFailsWithTheContractsReasonBeforeSpendingGas() {
        EthereumKey key = CHAIN.rig().fundedKey(ETH);
        BigInteger before = CHAIN.rig().eth().balance(key.address());
        ContractRevertedException e = assertThrows(ContractRevertedException.class,
                () -> CHAIN.rig().contracts().ticketBroker().withdraw(CHAIN.rig().sender(key)));
        assertEquals(before, CHAIN.rig().eth().balance(key.address()));
        assertTrue(e.getMessage().contains("withdraw"), e.getMessage());
        System.out.println("reason: " + e.reason());
    }
}
