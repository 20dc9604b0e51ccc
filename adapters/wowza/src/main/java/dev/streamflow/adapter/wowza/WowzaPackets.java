package dev.streamflow.adapter.wowza;

import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.MediaPacket.Kind;
import dev.streamflow.core.ingest.TimeBase;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Turns one of Wowza's live packets into a {@link MediaPacket}, from plain values: the packet's type (Wowza uses
 * the FLV tag type: 8 audio, 9 video, others data), its absolute timecode in milliseconds, and its data, which is
 * the FLV tag body (video: frame type and codec id, AVC packet type, composition time, then avcC or AVCC NAL
 * units; audio: sound format byte, AAC packet type, then AudioSpecificConfig or a raw AAC frame).
 *
 * <p>The data is always copied, so the caller's array may be reused.
 */
public final class WowzaPackets {
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;

    private static final int FLV_AVC = 7;
    private static final int FLV_AAC = 10;
    private static final int FRAME_KEY = 1;
    private static final int FRAME_COMMAND = 5;
    private static final String[] VIDEO_CODECS = {"", "JPEG", "Sorenson H.263", "Screen video", "On2 VP6",
            "On2 VP6 with alpha", "Screen video v2", "AVC", "", "", "", "", "HEVC"};
    private static final String[] AUDIO_CODECS = {"Linear PCM", "ADPCM", "MP3", "Linear PCM little-endian",
            "Nellymoser 16 kHz", "Nellymoser 8 kHz", "Nellymoser", "G.711 A-law", "G.711 mu-law", "Enhanced RTMP audio",
            "AAC", "Speex", "", "", "MP3 8 kHz", "device-specific"};

    private WowzaPackets() {
    }

    /** Empty for packets with nothing to transcode: data packets, empty bodies, AVC end of sequence, command frames. */
    public static Optional<MediaPacket> translate(int type, long absTimecode, byte[] data) throws WowzaPacketException {
        if (data == null || data.length == 0) {
            return Optional.empty();
        }
        return switch (type) {
            case VIDEO -> video(absTimecode, data);
            case AUDIO -> audio(absTimecode, data);
            default -> Optional.empty();
        };
    }

    private static Optional<MediaPacket> video(long dts, byte[] body) throws WowzaPacketException {
        boolean enhanced = (body[0] & 0x80) != 0;
        int frameType = (body[0] >> 4) & (enhanced ? 0x07 : 0x0f);
        if (frameType == FRAME_COMMAND) {
            return Optional.empty();
        }
        if (enhanced) {
            return Optional.of(opaque(Kind.VIDEO, "Enhanced RTMP video " + fourCc(body), frameType == FRAME_KEY, dts, body));
        }
        int codecId = body[0] & 0x0f;
        if (codecId != FLV_AVC) {
            return Optional.of(opaque(Kind.VIDEO, "FLV video codec " + codecId + name(VIDEO_CODECS, codecId),
                    frameType == FRAME_KEY, dts, body));
        }
        requireLength(body, 5, "AVC video");
        int packetType = body[1];
        int compositionTime = (body[2] << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff); // signed 24 bits
        byte[] payload = Arrays.copyOfRange(body, 5, body.length);
        return switch (packetType) {
            case 0 -> Optional.of(new MediaPacket(Kind.VIDEO, Codec.H264, BitstreamFormat.AVCC, true, false,
                    dts, dts, TimeBase.MILLIS, payload));
            case 1 -> Optional.of(new MediaPacket(Kind.VIDEO, Codec.H264, BitstreamFormat.AVCC, false,
                    frameType == FRAME_KEY, dts + compositionTime, dts, TimeBase.MILLIS, payload));
            case 2 -> Optional.empty();
            default -> throw new WowzaPacketException("AVC video packet type " + packetType + " is not 0, 1 or 2");
        };
    }

    private static Optional<MediaPacket> audio(long dts, byte[] body) throws WowzaPacketException {
        int format = (body[0] >> 4) & 0x0f;
        if (format != FLV_AAC) {
            return Optional.of(opaque(Kind.AUDIO, "FLV audio codec " + format + name(AUDIO_CODECS, format), true, dts, body));
        }
        requireLength(body, 2, "AAC audio");
        byte[] payload = Arrays.copyOfRange(body, 2, body.length);
        return switch (body[1]) {
            case 0 -> Optional.of(new MediaPacket(Kind.AUDIO, Codec.AAC, BitstreamFormat.AAC_RAW, true, false,
                    dts, dts, TimeBase.MILLIS, payload));
            case 1 -> Optional.of(new MediaPacket(Kind.AUDIO, Codec.AAC, BitstreamFormat.AAC_RAW, false, true,
                    dts, dts, TimeBase.MILLIS, payload));
            default -> throw new WowzaPacketException("AAC audio packet type " + body[1] + " is not 0 or 1");
        };
    }

    private static MediaPacket opaque(Kind kind, String codec, boolean keyframe, long dts, byte[] body) {
        return new MediaPacket(kind, new Codec(codec), BitstreamFormat.OPAQUE, false, keyframe, dts, dts,
                TimeBase.MILLIS, body.clone());
    }

    private static String name(String[] names, int id) {
        return id < names.length && !names[id].isEmpty() ? " (" + names[id] + ")" : "";
    }

    private static String fourCc(byte[] body) {
        return body.length < 5 ? "(no FourCC)" : "'" + new String(body, 1, 4, StandardCharsets.ISO_8859_1) + "'";
    }

    private static void requireLength(byte[] body, int min, String what) throws WowzaPacketException {
        if (body.length < min) {
            throw new WowzaPacketException(what + " packet is " + body.length + " bytes, shorter than its " + min + "-byte header");
        }
    }
}
