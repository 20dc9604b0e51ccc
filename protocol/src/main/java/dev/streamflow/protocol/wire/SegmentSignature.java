package dev.streamflow.protocol.wire;

import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.net.SegData;
import dev.streamflow.protocol.net.VideoProfile;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The broadcaster's SegData signature (reference §3.3, go-livepeer {@code core/streamdata.go} Flatten):
 * <pre>
 * profilesHex = lowercase_hex(keccak256(name_1)[0:4] || keccak256(name_2)[0:4] || ...)
 * flat        = UTF8(manifestId) || u256(seq) || hash(32) || ASCII(profilesHex)
 * sig         = EthSign(EIP191(keccak256(flat)))
 * </pre>
 * Not covered: duration, capabilities, auth token, storage, calc_perceptual_hash, segment parameters.
 */
public final class SegmentSignature {

    private SegmentSignature() {
    }

    public static String profilesHex(List<String> names) {
        StringBuilder hex = new StringBuilder(names.size() * 8);
        for (String name : names) {
            byte[] hash = EthSignatures.keccak256(name.getBytes(StandardCharsets.UTF_8));
            hex.append(HexFormat.of().formatHex(hash, 0, 4));
        }
        return hex.toString();
    }

    public static byte[] flatten(byte[] manifestId, long seq, byte[] hash, List<String> profileNames) {
        ByteArrayOutputStream flat = new ByteArrayOutputStream();
        flat.writeBytes(manifestId);
        flat.writeBytes(u256(seq));
        flat.writeBytes(hash);
        flat.writeBytes(profilesHex(profileNames).getBytes(StandardCharsets.US_ASCII));
        return flat.toByteArray();
    }

    /** The flatten of {@code segData}, with the profile names as the orchestrator reads them (§1.2). */
    public static byte[] flatten(SegData segData) {
        List<String> names = SegmentProfiles.read(segData).stream().map(VideoProfile::getName).toList();
        return flatten(segData.getManifestId().toByteArray(), segData.getSeq(), segData.getHash().toByteArray(), names);
    }

    public static byte[] sign(EthereumKey key, SegData segData) {
        return key.signPersonal(EthSignatures.keccak256(flatten(segData))).bytes();
    }

    public static boolean verify(SegData segData, byte[] sender) {
        return EthSignatures.verifyPersonal(sender, EthSignatures.keccak256(flatten(segData)), segData.getSig().toByteArray());
    }

    /** {@code seq} as Go's {@code big.NewInt(seq).FillBytes} into 32 bytes; negative numbers keep their magnitude. */
    static byte[] u256(long value) {
        byte[] magnitude = BigInteger.valueOf(value).abs().toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(magnitude.length, 32);
        System.arraycopy(magnitude, magnitude.length - copy, out, 32 - copy, copy);
        return out;
    }
}
