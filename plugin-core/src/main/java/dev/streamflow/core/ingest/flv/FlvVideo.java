package dev.streamflow.core.ingest.flv;

import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.MediaPacket.Kind;
import dev.streamflow.core.ingest.TimeBase;

import java.util.Optional;

/**
 * FLV video tag bodies: byte 0 = frameType &lt;&lt; 4 | codecId; for AVC, byte 1 = AVCPacketType and bytes 2-4 the
 * signed composition time offset in ms.
 */
final class FlvVideo {
    private static final int AVC = 7;
    private static final int KEYFRAME = 1;
    private static final int COMMAND_FRAME = 5;
    private static final int AVC_HEADER = 5;

    private FlvVideo() {
    }

    static Optional<MediaPacket> parse(long dts, byte[] body) throws FlvTagException {
        if (body.length == 0) {
            return Optional.empty();
        }
        int b0 = body[0] & 0xff;
        boolean enhanced = (b0 & 0x80) != 0;
        // Enhanced RTMP: bit 7 is IsExHeader, bits 4-6 the frame type and bytes 1-4 a FourCC (hvc1, av01, vp09, ...).
        int frameType = (b0 >> 4) & (enhanced ? 0x07 : 0x0f);
        if (frameType == COMMAND_FRAME) {
            return Optional.empty();
        }
        boolean keyframe = frameType == KEYFRAME;
        if (enhanced) {
            return Optional.of(opaque(dts, body, keyframe, "Enhanced RTMP video " + FlvTags.fourCc(body)));
        }
        int codecId = b0 & 0x0f;
        if (codecId != AVC) {
            return Optional.of(opaque(dts, body, keyframe, "FLV video codec " + codecId + " (" + codecName(codecId) + ")"));
        }
        FlvTags.requireLength(body, AVC_HEADER, "AVC video");
        int packetType = body[1] & 0xff;
        int cts = compositionTime(body);
        return switch (packetType) {
            case 0 -> Optional.of(config(dts, body));
            case 1 -> body.length == AVC_HEADER ? Optional.empty()
                    : Optional.of(packet(false, keyframe, dts + cts, dts, FlvTags.tail(body, AVC_HEADER)));
            case 2 -> Optional.empty();
            default -> throw new FlvTagException("AVC video tag has AVCPacketType " + packetType
                    + "; FLV defines 0 (sequence header), 1 (NAL units) and 2 (end of sequence)");
        };
    }

    private static MediaPacket config(long dts, byte[] body) throws FlvTagException {
        byte[] avcC = FlvTags.tail(body, AVC_HEADER);
        // An AVCDecoderConfigurationRecord is at least 7 bytes and starts with configurationVersion 1.
        if (avcC.length < 7 || avcC[0] != 1) {
            throw new FlvTagException("AVC sequence header does not hold an avcC record ("
                    + avcC.length + " bytes" + (avcC.length > 0 ? ", version " + (avcC[0] & 0xff) : "") + ")");
        }
        return packet(true, false, dts, dts, avcC);
    }

    private static MediaPacket packet(boolean config, boolean keyframe, long pts, long dts, byte[] data) {
        return new MediaPacket(Kind.VIDEO, Codec.H264, BitstreamFormat.AVCC, config, keyframe, pts, dts,
                TimeBase.MILLIS, data);
    }

    private static MediaPacket opaque(long dts, byte[] body, boolean keyframe, String codecName) {
        return new MediaPacket(Kind.VIDEO, new Codec(codecName), BitstreamFormat.OPAQUE, false,
                keyframe, dts, dts, TimeBase.MILLIS, FlvTags.tail(body, 1));
    }

    /** Bytes 2-4: a signed 24-bit big-endian millisecond offset. */
    private static int compositionTime(byte[] body) {
        int raw = (body[2] & 0xff) << 16 | (body[3] & 0xff) << 8 | (body[4] & 0xff);
        return (raw << 8) >> 8;
    }

    static String codecName(int codecId) {
        return switch (codecId) {
            case 1 -> "JPEG";
            case 2 -> "Sorenson H.263";
            case 3 -> "Screen video";
            case 4 -> "On2 VP6";
            case 5 -> "On2 VP6 with alpha";
            case 6 -> "Screen video v2";
            case 7 -> "AVC";
            case 12 -> "HEVC, non-standard";
            default -> "unknown";
        };
    }
}
