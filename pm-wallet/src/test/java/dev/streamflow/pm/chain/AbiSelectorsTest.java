package dev.streamflow.pm.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Hex;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;

/** The hand-written ABI calls against the selectors and topics in the wire reference (§8.1). */
class AbiSelectorsTest {
    @Test
    void functionSelectorsMatchTheDeployedAbi() {
        EthereumKey key = EthereumKey.generate(new SecureRandom());
        Ticket ticket = new Ticket(key.address(), key.address(), BigInteger.ONE, BigInteger.ONE, 1, new byte[32],
                new TicketExpirationParams(1, new byte[32]));
        assertEquals("ec8b3cb6", selector(FunctionEncoder.encode(
                TicketBroker.redeemFunction(ticket, ticket.sign(key), BigInteger.TWO))));
        assertEquals("e1a589da", selector(FunctionEncoder.encode(Abi.function("getSenderInfo",
                List.of(Abi.address(Address.ZERO))))));
        assertEquals("b03fa864", selector(FunctionEncoder.encode(Abi.function("getTicketHash",
                List.of(TicketBroker.ticketStruct(ticket))))));
        assertEquals("e16c7d98", selector(FunctionEncoder.encode(Abi.function("getContract",
                List.of(new org.web3j.abi.datatypes.generated.Bytes32(Abi.contractId("TicketBroker")))))));
        assertEquals("235c9603", selector(FunctionEncoder.encode(Abi.function("getNextTranscoderInPool",
                List.of(Abi.address(Address.ZERO))))));
        assertEquals("214c2a4b", selector(FunctionEncoder.encode(Abi.function("getServiceURI",
                List.of(Abi.address(Address.ZERO))))));
    }

    @Test
    void controllerIdsAreKeccakOfTheName() {
        assertEquals("bd1aa3e8d2464256d7fd3dcf645c16418d5d8c51d971f1ad7d57e7b1b5eee239",
                Hex.encode(Abi.contractId("TicketBroker")));
        assertEquals("e8438ea868df48e3fc21f2f087b993c9b1837dc0f6135064161ce7d7a1701fe8",
                Hex.encode(Abi.contractId("RoundsManager")));
    }

    @Test
    void eventTopicsMatch() {
        assertTrue(EventEncoder.encode(TicketBroker.WINNING_TICKET_REDEEMED).startsWith("0xc389eb51"));
        assertTrue(EventEncoder.encode(TicketBroker.UNLOCK).startsWith("0xf7870c5b"));
        assertTrue(EventEncoder.encode(TicketBroker.WITHDRAWAL).startsWith("0xdf273cb6"));
    }

    private static String selector(String encoded) {
        return encoded.substring(2, 10);
    }
}
