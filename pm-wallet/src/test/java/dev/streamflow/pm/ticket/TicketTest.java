package dev.streamflow.pm.ticket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Hex;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.key.Signatures;
import dev.streamflow.pm.money.Fraction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TicketTest {
    static final byte[] ZERO32 = new byte[32];
    static final String RAND_HASH = "41b1a0649752af1b28b3dc29a1556eee781e4a4c3a1f7f53f90fa834de098c4d";

    /** livepeer-wire-protocol.md §4.2, from go-livepeer pm/ticket_test.go TestHash. */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource({
        "0x0000000000000000000000000000000000000000, 0, 0, 4294967295, , 0, e1393fc7f6de093780674022f96cb8e3872235167d037c04d554e58c0e63d280",
        "0x0000000000000000000000000000000000000000, 0, 0, 1, , 0, ce0918ba94518293e9712effbe5fca4f1f431089833a5b8c257cb1e024595f68",
        "0x0000000000000000000000000000000000000000, 1, 500, 0, , 0, 87ef13f2d37e4d5352a01d3c77b8179d80e0887f1953bfabfd0bfd7b0f689ddd",
        "0x0000000000000000000000000000000000000000, 500, 1, 0, , 0, aa4b35071043587992ac8b9dd1b2cf1d8311130e6458cf0b2342484e21af5f5b",
        "0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F, 0, 0, 0, , 0, 81e353ae39046e2b77b9f996abbaeed527fda559b61ef90f299c4499dd508ccc",
        "0x0000000000000000000000000000000000000000, 0, 0, 0, " + RAND_HASH + ", 0, be5eaf9a49a39540b9bb02f1a21904f61324a29819e2c032824bfaa10c100b17",
        "0x0000000000000000000000000000000000000000, 0, 0, 0, , 10, e502907c16036ab3d11b78c5a2e93c20f3d6415c67f91de4ed01348182b3b2e2",
    })
    void hashMatchesGoLivepeer(String recipient, long faceValue, long winProb, long nonce, String randHash,
            long creationRound, String expected) {
        byte[] blockHash = creationRound == 0 ? ZERO32 : Hex.decode(RAND_HASH);
        Ticket ticket = new Ticket(Address.parse(recipient), Address.ZERO, BigInteger.valueOf(faceValue),
                BigInteger.valueOf(winProb), nonce, randHash == null ? ZERO32 : Hex.decode(randHash),
                new TicketExpirationParams(creationRound, blockHash));
        assertEquals(expected, Hex.encode(ticket.hash()));
        assertEquals(creationRound == 0 ? 168 : 232, ticket.flatten().length);
    }

    @Test
    void auxDataMatchesGoLivepeer() {
        // livepeer-wire-protocol.md §4.2, TestAuxData
        byte[] hash = Hex.decode("7624778dedc75f8b322b9fa1632a610d40b85e106c7d9bf0e743a9ce291b9c6f");
        assertEquals("0000000000000000000000000000000000000000000000000000000000000005"
                + "7624778dedc75f8b322b9fa1632a610d40b85e106c7d9bf0e743a9ce291b9c6f",
                Hex.encode(new TicketExpirationParams(5, hash).auxData()));
        assertEquals("0".repeat(64) + Hex.encode(hash), Hex.encode(new TicketExpirationParams(0, hash).auxData()));
        assertEquals("0".repeat(62) + "05" + "0".repeat(64), Hex.encode(new TicketExpirationParams(5, ZERO32).auxData()));
        assertEquals("", Hex.encode(new TicketExpirationParams(0, ZERO32).auxData()));
    }

    @Test
    void expirationParamsFromShortWireBytesAreLeftPadded() {
        TicketExpirationParams params = TicketExpirationParams.fromWire(3, new byte[] {1, 2});
        assertEquals("0".repeat(60) + "0102", Hex.encode(params.creationRoundBlockHash()));
        assertTrue(TicketExpirationParams.fromWire(0, new byte[0]).isZero());
        assertThrows(IllegalArgumentException.class, () -> TicketExpirationParams.fromWire(1, new byte[33]));
    }

    @Test
    void expectedValueIsExactAndMatchesGoRounding() {
        // TestEV: fv 1000, wp = max/2 → "500" (Go FloatString(0)); wp = max → 1000; wp = 0 → 0
        BigInteger half = Ticket.MAX_WIN_PROB.divide(BigInteger.TWO);
        Fraction ev = Ticket.expectedValue(BigInteger.valueOf(1000), half);
        assertEquals(Fraction.of(BigInteger.valueOf(1000).multiply(half), Ticket.MAX_WIN_PROB), ev);
        assertEquals("500", rounded(ev, 0));
        assertTrue(ev.compareTo(Fraction.of(500)) < 0, "max/2 is odd/2 rounded down, so EV is just under 500");
        assertEquals(Fraction.of(1000), Ticket.expectedValue(BigInteger.valueOf(1000), Ticket.MAX_WIN_PROB));
        assertEquals(Fraction.ZERO, Ticket.expectedValue(BigInteger.valueOf(1000), BigInteger.ZERO));
        assertEquals(Fraction.ZERO, Ticket.expectedValue(BigInteger.ZERO, BigInteger.valueOf(999)));
    }

    @Test
    void winProbabilityMatchesGo() {
        // TestWinProbRat: max/2 → "0.5", max/4 → "0.25"
        Ticket half = ticket(BigInteger.ONE, Ticket.MAX_WIN_PROB.divide(BigInteger.TWO), 1);
        Ticket quarter = ticket(BigInteger.ONE, Ticket.MAX_WIN_PROB.divide(BigInteger.valueOf(4)), 1);
        assertEquals("0.5", rounded(half.winProbability(), 1));
        assertEquals("0.25", rounded(quarter.winProbability(), 2));
    }

    @Test
    void signsEip191OverTheHashAndRecovers() {
        EthereumKey key = EthereumKey.generate(new SecureRandom());
        Ticket ticket = new Ticket(Address.parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F"), key.address(),
                BigInteger.TEN.pow(18), Ticket.MAX_WIN_PROB.shiftRight(10), 1, Hex.decode(RAND_HASH),
                new TicketExpirationParams(10, Hex.decode(RAND_HASH)));
        Signature sig = ticket.sign(key);
        assertEquals(sig, key.signHash(Signatures.personalHash(ticket.hash())));
        assertEquals(key.address(), ticket.recoverSigner(sig));
        assertTrue(ticket.isSignedBySender(sig));
        Ticket nextNonce = new Ticket(ticket.recipient(), ticket.sender(), ticket.faceValue(), ticket.winProb(), 2,
                ticket.recipientRandHash(), ticket.expirationParams());
        assertFalse(nextNonce.isSignedBySender(sig));
    }

    @Test
    void winCheckIsStrictlyBelowWinProbOverSigAndRecipientRand() {
        Signature sig = Signature.fromHex("206443228e8f784bc3a122de0d85eb3ebff82d6a79cca26c7eeb907099a6404f"
                + "6dff57bc6828f28bd6cd073c89d94cf3364204679ed8365fa45b5ee6af19a9841c");
        BigInteger rand = BigInteger.valueOf(12345);
        byte[] preimage = new byte[97];
        System.arraycopy(sig.bytes(), 0, preimage, 0, 65);
        System.arraycopy(Uint256.toBytes32(rand), 0, preimage, 65, 32);
        BigInteger draw = new BigInteger(1, Signatures.keccak256(preimage));

        assertFalse(Ticket.isWinning(sig, rand, draw));
        assertTrue(Ticket.isWinning(sig, rand, draw.add(BigInteger.ONE)));
        assertFalse(Ticket.isWinning(sig, rand, BigInteger.ZERO));
        assertTrue(Ticket.isWinning(sig, rand, Ticket.MAX_WIN_PROB));
    }

    @Test
    void rejectsOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> ticket(BigInteger.ONE.shiftLeft(256), BigInteger.ONE, 1));
        assertThrows(IllegalArgumentException.class, () -> ticket(BigInteger.ONE.negate(), BigInteger.ONE, 1));
        assertThrows(IllegalArgumentException.class, () -> ticket(BigInteger.ONE, BigInteger.ONE, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> ticket(BigInteger.ONE, BigInteger.ONE, -1));
    }

    @Test
    void uint256EncodingsMatchTheSpec() {
        assertArrayEquals(new byte[0], Uint256.minBigEndian(BigInteger.ZERO));
        assertArrayEquals(new byte[] {(byte) 0x80}, Uint256.minBigEndian(BigInteger.valueOf(128)));
        assertEquals("ff".repeat(32), Hex.encode(Uint256.toBytes32(Uint256.MAX)));
        assertEquals("80" + "00".repeat(31), Hex.encode(Uint256.toBytes32(BigInteger.ONE.shiftLeft(255))));
    }

    static Ticket ticket(BigInteger faceValue, BigInteger winProb, long nonce) {
        return new Ticket(Address.ZERO, Address.ZERO, faceValue, winProb, nonce, ZERO32, TicketExpirationParams.NONE);
    }

    /** Go's big.Rat.FloatString(n): round half away from zero. */
    static String rounded(Fraction value, int digits) {
        return new BigDecimal(value.numerator()).divide(new BigDecimal(value.denominator()), digits, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
