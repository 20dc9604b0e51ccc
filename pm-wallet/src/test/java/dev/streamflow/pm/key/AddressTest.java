package dev.streamflow.pm.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @ParameterizedTest // checksummed addresses printed in livepeer-wire-protocol.md §4.3 and §8.2
    @ValueSource(strings = {
        "0x3BadDb1eeE2105893136A3F96c8a963E9C6309d6",
        "0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F",
        "0xD8E8328501E9645d16Cf49539efC04f734606ee4",
        "0xa8bB618B1520E284046F3dFc448851A1Ff26e41B",
        "0xea1b0F6c8D158328a6e3D3F924B86A759F41465c",
        "0x35Bcf3c30594191d53231E4FF333E8A770453e40",
        "0xdd6f56DcC28D3F5f27084381fE8Df634985cc39f",
        "0xC92d3A360b8f9e083bA64DE15d95Cf8180897431",
        "0xc20DE37170B45774e6CD3d2304017fc962f27252",
        "0x639Fe6ab55C921f74e7fac1ee960C0B6293ba612",
    })
    void eip55RoundTripsFromLowerCase(String checksummed) {
        Address fromLower = Address.parse(checksummed.toLowerCase(Locale.ROOT));
        assertEquals(checksummed, fromLower.toString());
        assertEquals(fromLower, Address.parse(checksummed));
        assertEquals(fromLower, Address.parse(checksummed.substring(2).toUpperCase(Locale.ROOT)));
    }

    @Test
    void mixedCaseWithABadChecksumIsRejected() {
        // one letter's case flipped in the reference's address
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Address.parse("0x3badDb1eeE2105893136A3F96c8a963E9C6309d6"));
        assertTrue(e.getMessage().contains("EIP-55"), e.getMessage());
        assertTrue(e.getMessage().contains("0x3BadDb1eeE2105893136A3F96c8a963E9C6309d6"), e.getMessage());
    }

    @Test
    void wrongLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Address.parse("0x3BadDb1eeE2105893136A3F96c8a963E9C6309"));
        assertThrows(IllegalArgumentException.class, () -> new Address(new byte[19]));
        assertThrows(IllegalArgumentException.class, () -> new Address(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("0xzzaddb1eee2105893136a3f96c8a963e9c6309d6"));
    }

    @Test
    void equalityIsByContentAndCopiesAreDefensive() {
        byte[] raw = new byte[20];
        raw[19] = 1;
        Address a = new Address(raw);
        raw[19] = 2;
        assertEquals(new Address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), a);
        a.bytes()[19] = 9;
        assertEquals(1, a.bytes()[19]);
        assertNotEquals(Address.ZERO, a);
        assertTrue(Address.ZERO.isZero());
        assertEquals("0x0000000000000000000000000000000000000001", a.toLowerHex());
    }
}
