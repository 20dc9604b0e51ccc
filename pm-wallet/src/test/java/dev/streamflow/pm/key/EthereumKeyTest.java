package dev.streamflow.pm.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EthereumKeyTest {
    /** The well-known first dev account of anvil/hardhat ("test test … junk"); chain-and-wallet.md §1.3 names its address. */
    static final byte[] ANVIL_KEY_0 = Hex.decode("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    @Test
    void derivesTheKnownAddresses() {
        assertEquals("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", EthereumKey.fromPrivateKey(ANVIL_KEY_0).address().toString());
        byte[] one = new byte[32];
        one[31] = 1;
        assertEquals("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", EthereumKey.fromPrivateKey(one).address().toString());
    }

    @Test
    void bothCurvesDeriveTheSameAddressAndSignIdentically() {
        Curve nativeCurve = Curves.nativeOrNull();
        Random seeded = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] hash = new byte[32];
            seeded.nextBytes(hash);
            EthereumKey javaKey = EthereumKey.fromPrivateKey(randomKey(seeded), Curves.javaOnly());
            Signature javaSig = javaKey.signHash(hash);
            assertEquals(javaKey.address(), Signatures.recoverHash(hash, javaSig, Curves.javaOnly()));
            if (nativeCurve != null) {
                EthereumKey nativeKey = EthereumKey.fromPrivateKey(javaKey.exportPrivateKey(), nativeCurve);
                assertEquals(javaKey.address(), nativeKey.address());
                assertEquals(javaSig, nativeKey.signHash(hash));
                assertEquals(javaKey.address(), Signatures.recoverHash(hash, javaSig, nativeCurve));
            }
        }
    }

    @Test
    void nativeCurveLoadsOnThisPlatform() {
        // Linux x86_64/aarch64 ship the JNI library; a silent fallback would halve throughput unnoticed.
        String arch = System.getProperty("os.arch");
        if (System.getProperty("os.name").startsWith("Linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
            assertTrue(Curves.nativeOrNull() != null, "native secp256k1 did not load");
            assertTrue(Curves.best() instanceof NativeCurve);
        }
    }

    @Test
    void signaturesAreDeterministicLowSAndV27Or28() {
        EthereumKey key = EthereumKey.fromPrivateKey(ANVIL_KEY_0);
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            Signature sig = key.signHash(hash);
            assertTrue(sig.v() == 27 || sig.v() == 28);
            assertTrue(sig.s().compareTo(Signature.HALF_CURVE_ORDER) <= 0);
            assertEquals(sig, key.signHash(hash));
            assertEquals(key.address(), Signatures.recoverHash(hash, sig));
        }
    }

    @Test
    void personalSignatureRoundTripsAndBindsTheMessage() {
        EthereumKey key = EthereumKey.generate(new SecureRandom());
        byte[] message = "any length message".getBytes(StandardCharsets.UTF_8);
        Signature sig = key.signPersonal(message);
        assertEquals(key.address(), Signatures.recoverPersonal(message, sig));
        assertEquals(sig, key.signHash(Signatures.personalHash(message)));
        message[0] ^= 1;
        assertNotEquals(key.address(), Signatures.recoverPersonal(message, sig));
    }

    @Test
    void getOrchestratorSignatureCoversTheChecksummedAddressString() {
        // livepeer-wire-protocol.md §2.1: sig = EthSign(EIP191(keccak256(EIP-55 "0x…" string)))
        EthereumKey key = EthereumKey.fromPrivateKey(ANVIL_KEY_0);
        byte[] checksummed = key.address().toString().getBytes(StandardCharsets.UTF_8);
        Signature sig = key.signPersonal(Signatures.keccak256(checksummed));
        assertEquals(key.address(), Signatures.recoverPersonal(Signatures.keccak256(checksummed), sig));
        byte[] lower = key.address().toLowerHex().getBytes(StandardCharsets.UTF_8);
        assertFalse(Signatures.isPersonallySignedBy(Signatures.keccak256(lower), sig.bytes(), key.address()));
    }

    @Test
    void invalidPrivateKeysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EthereumKey.fromPrivateKey(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> EthereumKey.fromPrivateKey(new byte[31]));
        byte[] n = SignaturesTest.toBytes32(Signature.CURVE_ORDER);
        assertThrows(IllegalArgumentException.class, () -> EthereumKey.fromPrivateKey(n));
        byte[] nMinus1 = SignaturesTest.toBytes32(Signature.CURVE_ORDER.subtract(BigInteger.ONE));
        EthereumKey.fromPrivateKey(nMinus1);
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        EthereumKey key = EthereumKey.fromPrivateKey(ANVIL_KEY_0);
        String text = key.toString();
        assertFalse(text.toLowerCase().contains("ac0974bec39a17e3"), text);
        assertTrue(text.contains(key.address().toString()), text);
    }

    @Test
    void exportedKeyIsACopy() {
        EthereumKey key = EthereumKey.fromPrivateKey(ANVIL_KEY_0);
        key.exportPrivateKey()[0] ^= 1;
        assertArrayEquals(ANVIL_KEY_0, key.exportPrivateKey());
    }

    private static byte[] randomKey(Random random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        key[0] &= 0x7f; // stays below the group order
        key[31] |= 1;
        return key;
    }
}
