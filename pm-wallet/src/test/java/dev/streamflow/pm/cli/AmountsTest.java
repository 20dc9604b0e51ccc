package dev.streamflow.pm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AmountsTest {
    @Test
    void parsesEthGweiAndWeiExactly() throws Exception {
        assertEquals(new BigInteger("500000000000000000"), Amounts.parseWei("0.5ETH"));
        assertEquals(new BigInteger("500000000000000000"), Amounts.parseWei("0.5"));
        assertEquals(new BigInteger("500000000000000000"), Amounts.parseWei(".5 eth"));
        assertEquals(new BigInteger("1000000000000000000000"), Amounts.parseWei("1000"));
        assertEquals(new BigInteger("123456789012345678"), Amounts.parseWei("0.123456789012345678ETH"));
        assertEquals(BigInteger.valueOf(2_500_000_000L), Amounts.parseWei("2.5gwei"));
        assertEquals(BigInteger.valueOf(1_000_000), Amounts.parseWei("1000000wei"));
        assertEquals(BigInteger.ONE, Amounts.parseWei("0.000000000000000001"));
    }

    @Test
    void refusesWhatIsNotAWholePositiveNumberOfWei() {
        for (String bad : new String[] {"", "-1", "1e18", "0", "0.0ETH", "1.5wei", "0.0000000000000000001", "1 ether",
                "0x10", "1,5", "one"}) {
            assertThrows(UsageException.class, () -> Amounts.parseWei(bad), bad);
        }
    }

    @Test
    void formatsWeiAsExactEth() {
        assertEquals("0.5 ETH", Amounts.eth(new BigInteger("500000000000000000")));
        assertEquals("0.000000000001 ETH", Amounts.eth(BigInteger.valueOf(1_000_000)));
        assertEquals("0 ETH", Amounts.eth(BigInteger.ZERO));
        assertEquals("1000 ETH", Amounts.eth(new BigInteger("1000000000000000000000")));
    }
}
