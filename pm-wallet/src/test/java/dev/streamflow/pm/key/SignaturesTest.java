package dev.streamflow.pm.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignaturesTest {
    // livepeer-wire-protocol.md §4.3, from go-livepeer crypto/verify_test.go
    static final byte[] VERIFY_MSG = Hex.decode("b7da355477356fc4c47fcabcf232dc77a6db9b07b7e48b76261cc55cc8fbabb3");
    static final String VERIFY_SIG = "206443228e8f784bc3a122de0d85eb3ebff82d6a79cca26c7eeb907099a6404f"
            + "6dff57bc6828f28bd6cd073c89d94cf3364204679ed8365fa45b5ee6af19a9841c";
    static final Address VERIFY_SIGNER = Address.parse("0x3BadDb1eeE2105893136A3F96c8a963E9C6309d6");

    @Test
    void keccakOfEmptyInputIsTheEthereumValueNotSha3() {
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                Hex.encode(Signatures.keccak256(new byte[0])));
    }

    @ParameterizedTest // livepeer-wire-protocol.md §8.1: Controller ids are keccak256(name)
    @CsvSource({
        "TicketBroker,    bd1aa3e8d2464256d7fd3dcf645c16418d5d8c51d971f1ad7d57e7b1b5eee239",
        "BondingManager,  2517d59a36a86548e38734e8ab416f42afff4bca78706a66ad65750dae7f9e37",
        "RoundsManager,   e8438ea868df48e3fc21f2f087b993c9b1837dc0f6135064161ce7d7a1701fe8",
        "ServiceRegistry, 79c5d2a4a07754f4bacb0ffba18ac516030ee589ebc89db8627680c4d4cdb230",
        "Minter,          6e58ad548d72b425ea94c15f453bf26caddb061d82b2551db7fdd3cefe0e9940",
    })
    void keccakMatchesTheControllerIds(String name, String id) {
        assertEquals(id, Hex.encode(Signatures.keccak256(name.getBytes(StandardCharsets.US_ASCII))));
    }

    @ParameterizedTest // livepeer-wire-protocol.md §3.3: profile short names are keccak256(name)[0:4]
    @CsvSource({"P240p30fps16x9, c0a6517a", "P360p30fps16x9, 93c717e7", "P720p30fps16x9, 49d54ea9",
        "P144p30fps16x9, fca40bf9"})
    void keccakMatchesTheProfileShortNames(String name, String prefix) {
        byte[] hash = Signatures.keccak256(name.getBytes(StandardCharsets.US_ASCII));
        assertEquals(prefix, Hex.encode(Arrays.copyOf(hash, 4)));
    }

    @Test
    void eip191HashOfTheReferenceMessage() {
        assertEquals("1288735ecfc69223aebf1e4550f8b609241a2a5097d9b34ca50f929e1b8acb6c",
                Hex.encode(Signatures.personalHash(VERIFY_MSG)));
    }

    @Test
    void referenceSignatureRecoversToTheReferenceAddressOnlyWithThePrefix() {
        Signature sig = Signature.fromHex(VERIFY_SIG);
        assertEquals(VERIFY_SIGNER, Signatures.recoverPersonal(VERIFY_MSG, sig));
        assertEquals(VERIFY_SIGNER, Signatures.recoverHash(Signatures.personalHash(VERIFY_MSG), sig));
        assertNotEquals(VERIFY_SIGNER, Signatures.recoverHash(VERIFY_MSG, sig));
        assertTrue(Signatures.isPersonallySignedBy(VERIFY_MSG, sig.bytes(), VERIFY_SIGNER));
    }

    @Test
    void bothCurvesRecoverTheReferenceSignature() {
        Signature sig = Signature.fromHex(VERIFY_SIG);
        byte[] hash = Signatures.personalHash(VERIFY_MSG);
        assertEquals(VERIFY_SIGNER, Signatures.recoverHash(hash, sig, Curves.javaOnly()));
        if (Curves.nativeOrNull() != null) {
            assertEquals(VERIFY_SIGNER, Signatures.recoverHash(hash, sig, Curves.nativeOrNull()));
        }
    }

    @Test
    void sixtyFourByteSignatureIsRejected() {
        byte[] raw = Arrays.copyOf(Hex.decode(VERIFY_SIG), 64);
        SignatureException e = assertThrows(SignatureException.class, () -> new Signature(raw));
        assertTrue(e.getMessage().startsWith("invalid signature length"), e.getMessage());
        assertThrows(SignatureException.class, () -> Signatures.recoverPersonal(VERIFY_MSG, raw));
    }

    @Test
    void highSSignatureIsRejected() {
        byte[] raw = Hex.decode(VERIFY_SIG);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64));
        byte[] highS = toBytes32(Signature.CURVE_ORDER.subtract(s));
        System.arraycopy(highS, 0, raw, 32, 32);
        raw[64] = (byte) (raw[64] == 27 ? 28 : 27); // the malleable twin: same signer, high s
        SignatureException e = assertThrows(SignatureException.class, () -> new Signature(raw));
        assertEquals("signature s value too high", e.getMessage());
        assertTrue(!Signatures.isPersonallySignedBy(VERIFY_MSG, raw, VERIFY_SIGNER));
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "26", "29", "255"})
    void vOtherThan27Or28IsRejected(int v) {
        byte[] raw = Hex.decode(VERIFY_SIG);
        raw[64] = (byte) v;
        SignatureException e = assertThrows(SignatureException.class, () -> new Signature(raw));
        assertEquals("signature v value must be 27 or 28, got " + v, e.getMessage());
    }

    @Test
    void signatureThatRecoversNoKeyIsRejectedByBothCurves() {
        byte[] raw = Hex.decode(VERIFY_SIG);
        Arrays.fill(raw, 0, 32, (byte) 0); // r = 0 is never a valid point
        Signature sig = new Signature(raw);
        byte[] hash = Signatures.personalHash(VERIFY_MSG);
        SignatureException e = assertThrows(SignatureException.class,
                () -> Signatures.recoverHash(hash, sig, Curves.javaOnly()));
        assertTrue(e.getMessage().startsWith("invalid signature"), e.getMessage());
        if (Curves.nativeOrNull() != null) {
            assertThrows(SignatureException.class, () -> Signatures.recoverHash(hash, sig, Curves.nativeOrNull()));
        }
    }

    @Test
    void hashOfWrongLengthIsRejected() {
        Signature sig = Signature.fromHex(VERIFY_SIG);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Signatures.recoverHash(new byte[31], sig));
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    }

    @Test
    void signatureIsAValueWithDefensiveCopies() {
        byte[] raw = Hex.decode(VERIFY_SIG);
        Signature sig = new Signature(raw);
        raw[0] ^= 1;
        assertEquals(Signature.fromHex(VERIFY_SIG), sig);
        assertEquals(Signature.fromHex(VERIFY_SIG).hashCode(), sig.hashCode());
        sig.bytes()[1] ^= 1;
        assertEquals(VERIFY_SIG, sig.toHex());
        assertEquals(28, sig.v());
    }

    static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
