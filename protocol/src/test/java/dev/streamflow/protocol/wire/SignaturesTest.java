package dev.streamflow.protocol.wire;

import com.google.protobuf.ByteString;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Signatures;
import dev.streamflow.protocol.net.SegData;
import dev.streamflow.protocol.net.VideoProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignaturesTest {
    private static final EthereumKey KEY = EthereumKey.fromPrivateKey(HexFormat.of().parseHex(
            "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
    private static final EthereumKey OTHER = EthereumKey.generate(new SecureRandom());

    @Test
    void addressSignatureIsOverTheChecksummedAddressString() {
        byte[] address = KEY.address().bytes();
        byte[] sig = AddressSignature.sign(KEY);
        assertTrue(AddressSignature.verify(address, sig));
        assertFalse(AddressSignature.verify(OTHER.address().bytes(), sig));

        String checksummed = KEY.address().toString();
        assertFalse(checksummed.equals(checksummed.toLowerCase(Locale.ROOT)), "the test key's address must have mixed case");
        byte[] overLowerCase = KEY.signPersonal(Signatures.keccak256(checksummed.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))).bytes();
        assertFalse(AddressSignature.verify(address, overLowerCase), "a lower-case address string must not verify");
        byte[] overChecksummed = KEY.signPersonal(Signatures.keccak256(checksummed.getBytes(StandardCharsets.UTF_8))).bytes();
        assertTrue(AddressSignature.verify(address, overChecksummed));
    }

    @Test
    void flattenLayout() {
        byte[] hash = Signatures.keccak256("segment".getBytes(StandardCharsets.UTF_8));
        byte[] flat = SegmentSignature.flatten("abc".getBytes(StandardCharsets.UTF_8), 258, hash, List.of("P240p30fps16x9", "P360p30fps16x9"));
        assertEquals(3 + 32 + 32 + 16, flat.length);
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(flat, 0, 3));
        byte[] seq = new byte[32];
        seq[30] = 1;
        seq[31] = 2;
        assertArrayEquals(seq, Arrays.copyOfRange(flat, 3, 35));
        assertArrayEquals(hash, Arrays.copyOfRange(flat, 35, 67));
        assertEquals("c0a6517a93c717e7", new String(flat, 67, 16, StandardCharsets.US_ASCII));
    }

    @Test
    void segmentSignatureCoversIdSeqHashAndProfileNamesOnly() {
        SegData unsigned = segData(7, "P240p30fps16x9");
        SegData signed = unsigned.toBuilder().setSig(ByteString.copyFrom(SegmentSignature.sign(KEY, unsigned))).build();
        byte[] sender = KEY.address().bytes();
        assertTrue(SegmentSignature.verify(signed, sender));
        assertFalse(SegmentSignature.verify(signed, OTHER.address().bytes()));
        assertFalse(SegmentSignature.verify(signed.toBuilder().setSeq(8).build(), sender));
        assertFalse(SegmentSignature.verify(signed.toBuilder().setManifestId(ByteString.copyFromUtf8("other")).build(), sender));
        assertFalse(SegmentSignature.verify(signed.toBuilder().clearFullProfiles()
                .addFullProfiles(SegmentProfiles.profile("P360p30fps16x9", 426, 240, 600_000, 30)).build(), sender));
        assertTrue(SegmentSignature.verify(signed.toBuilder().setDuration(999).build(), sender), "duration is not signed");
    }

    @Test
    void resultSignatureIsOverTheHashOfRenditionHashesInOrder() {
        byte[] a = "first rendition".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second rendition".getBytes(StandardCharsets.UTF_8);
        byte[] concatenated = new byte[64];
        System.arraycopy(Signatures.keccak256(a), 0, concatenated, 0, 32);
        System.arraycopy(Signatures.keccak256(b), 0, concatenated, 32, 32);
        assertArrayEquals(Signatures.keccak256(concatenated), ResultSignature.digest(List.of(a, b)));

        byte[] sig = ResultSignature.sign(KEY, List.of(a, b));
        assertTrue(ResultSignature.verify(KEY.address().bytes(), List.of(a, b), sig));
        assertFalse(ResultSignature.verify(KEY.address().bytes(), List.of(b, a), sig));
        assertFalse(ResultSignature.verify(OTHER.address().bytes(), List.of(a, b), sig));
    }

    @Test
    void pingReplyIsSignedOverTheHashOfTheValue() {
        byte[] value = "ping".getBytes(StandardCharsets.UTF_8);
        byte[] sig = PingSignature.sign(KEY, value);
        assertArrayEquals(KEY.signPersonal(Signatures.keccak256(value)).bytes(), sig);
        assertTrue(PingSignature.verify(KEY.address().bytes(), value, sig));
        assertFalse(PingSignature.verify(KEY.address().bytes(), "pong".getBytes(StandardCharsets.UTF_8), sig));
    }

    private static SegData segData(long seq, String profile) {
        VideoProfile p = SegmentProfiles.profile(profile, 426, 240, 600_000, 30);
        return SegData.newBuilder().setManifestId(ByteString.copyFromUtf8("stream"))
                .setSeq(seq).setHash(ByteString.copyFrom(Signatures.keccak256(new byte[]{1, 2, 3})))
                .setDuration(2000).addFullProfiles(p).build();
    }
}
