package dev.streamflow.protocol.wire;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.key.Signatures;
import dev.streamflow.protocol.net.VideoProfile;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vectors of shared/reference/livepeer-wire-protocol.md that concern the wire, byte for byte. */
class ReferenceVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    // §4.3, from go-livepeer crypto/verify_test.go
    private static final byte[] MSG = HEX.parseHex("b7da355477356fc4c47fcabcf232dc77a6db9b07b7e48b76261cc55cc8fbabb3");
    private static final byte[] SIG = HEX.parseHex("206443228e8f784bc3a122de0d85eb3ebff82d6a79cca26c7eeb907099a6404f"
            + "6dff57bc6828f28bd6cd073c89d94cf3364204679ed8365fa45b5ee6af19a9841c");
    private static final String SIGNER = "0x3BadDb1eeE2105893136A3F96c8a963E9C6309d6";
    private static final byte[] EIP191_OF_MSG = HEX.parseHex("1288735ecfc69223aebf1e4550f8b609241a2a5097d9b34ca50f929e1b8acb6c");

    @Test
    void eip191PrefixOfA32ByteHash() {
        byte[] prefix = "\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII);
        byte[] prefixed = new byte[prefix.length + 32];
        System.arraycopy(prefix, 0, prefixed, 0, prefix.length);
        System.arraycopy(MSG, 0, prefixed, prefix.length, 32);
        assertArrayEquals(EIP191_OF_MSG, Signatures.keccak256(prefixed));
    }

    @Test
    void signatureVectorVerifiesOnlyWithThePrefix() {
        byte[] signer = Address.parse(SIGNER).bytes();
        assertTrue(EthSignatures.verifyPersonal(signer, MSG, SIG));
        assertEquals(SIGNER, Signatures.recoverHash(EIP191_OF_MSG, new Signature(SIG)).toString());
        assertFalse(SIGNER.equals(Signatures.recoverHash(MSG, new Signature(SIG)).toString()), "without the prefix the signer differs");
    }

    @Test
    void malformedSignaturesAreRefusedAsGoLivepeerDoes() {
        byte[] signer = Address.parse(SIGNER).bytes();
        assertEquals("invalid signature length 64 (want 65)", EthSignatures.formProblem(Arrays.copyOf(SIG, 64)).orElseThrow());
        assertFalse(EthSignatures.verifyPersonal(signer, MSG, Arrays.copyOf(SIG, 64)));

        byte[] badV = SIG.clone();
        badV[64] = 1;
        assertTrue(EthSignatures.formProblem(badV).orElseThrow().startsWith("signature v value must be 27 or 28"));
        assertFalse(EthSignatures.verifyPersonal(signer, MSG, badV));

        byte[] highS = highS(SIG);
        assertEquals("signature s value too high", EthSignatures.formProblem(highS).orElseThrow());
        assertFalse(EthSignatures.verifyPersonal(signer, MSG, highS));
        assertTrue(EthSignatures.formProblem(SIG).isEmpty());
    }

    @Test
    void profileShortNames() {
        assertEquals("c0a6517a", SegmentSignature.profilesHex(List.of("P240p30fps16x9")));
        assertEquals("93c717e7", SegmentSignature.profilesHex(List.of("P360p30fps16x9")));
        assertEquals("49d54ea9", SegmentSignature.profilesHex(List.of("P720p30fps16x9")));
        assertEquals("fca40bf9", SegmentSignature.profilesHex(List.of("P144p30fps16x9")));
        assertEquals("c0a6517a93c717e7", SegmentSignature.profilesHex(List.of("P240p30fps16x9", "P360p30fps16x9")));
    }

    @Test
    void defaultTsJobBitstringIs4099() {
        assertEquals(List.of(4099L), CapabilitySet.of(Capability.H264, Capability.MPEGTS, Capability.AUTH_TOKEN).toWords());
        VideoProfile ts = SegmentProfiles.profile("P240p30fps16x9", 426, 240, 600_000, 30);
        assertEquals(List.of(4099L), WireCapabilities.forJob(List.of(ts)).toWords());
    }

    /** The same point with s' = n - s and the other parity: valid ECDSA, refused as malleable. */
    private static byte[] highS(byte[] sig) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] flipped = Signature.CURVE_ORDER.subtract(s).toByteArray();
        byte[] out = sig.clone();
        Arrays.fill(out, 32, 64, (byte) 0);
        int len = Math.min(32, flipped.length);
        System.arraycopy(flipped, flipped.length - len, out, 64 - len, len);
        out[64] = (byte) (sig[64] == 27 ? 28 : 27);
        return out;
    }
}
