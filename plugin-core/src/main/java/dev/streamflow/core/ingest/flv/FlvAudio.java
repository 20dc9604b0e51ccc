package dev.streamflow.core.ingest.flv;

import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.MediaPacket.Kind;
import dev.streamflow.core.ingest.TimeBase;

import java.util.Optional;

/** FLV audio tag bodies: byte 0 = soundFormat &lt;&lt; 4 | rate/size/channels; for AAC, byte 1 = AACPacketType. */
final class FlvAudio {
    private static final int AAC = 10;
    private static final int EX_HEADER = 9;
    private static final int AAC_HEADER = 2;

    private FlvAudio() {
    }

    static Optional<MediaPacket> parse(long dts, byte[] body) throws FlvTagException {
        if (body.length == 0) {
            return Optional.empty();
        }
        int soundFormat = (body[0] & 0xff) >> 4;
        if (soundFormat != AAC) {
            return Optional.of(opaque(dts, body, soundFormat));
        }
        FlvTags.requireLength(body, AAC_HEADER, "AAC audio");
        int packetType = body[1] & 0xff;
        byte[] payload = FlvTags.tail(body, AAC_HEADER);
        return switch (packetType) {
            case 0 -> Optional.of(config(dts, payload));
            case 1 -> payload.length == 0 ? Optional.empty() : Optional.of(packet(false, true, dts, payload));
            default -> throw new FlvTagException("AAC audio tag has AACPacketType " + packetType
                    + "; FLV defines 0 (AudioSpecificConfig) and 1 (raw AAC)");
        };
    }

    private static MediaPacket config(long dts, byte[] asc) throws FlvTagException {
        if (asc.length < 2) {
            throw new FlvTagException("AAC sequence header holds " + asc.length
                    + " bytes; an AudioSpecificConfig needs at least 2");
        }
        return packet(true, false, dts, asc);
    }

    private static MediaPacket packet(boolean config, boolean keyframe, long dts, byte[] data) {
        return new MediaPacket(Kind.AUDIO, Codec.AAC, BitstreamFormat.AAC_RAW, config, keyframe, dts, dts,
                TimeBase.MILLIS, data);
    }

    private static MediaPacket opaque(long dts, byte[] body, int soundFormat) {
        // Enhanced RTMP audio: soundFormat 9 (ExHeader), then a FourCC in bytes 1-4 (Opus, ac-3, fLaC, ...).
        String name = soundFormat == EX_HEADER ? "Enhanced RTMP audio " + FlvTags.fourCc(body)
                : "FLV audio codec " + soundFormat + " (" + formatName(soundFormat) + ")";
        // Every audio frame of these formats can start a segment, as a raw AAC frame can.
        return new MediaPacket(Kind.AUDIO, new Codec(name), BitstreamFormat.OPAQUE, false, true, dts, dts,
                TimeBase.MILLIS, FlvTags.tail(body, 1));
    }

    static String formatName(int soundFormat) {
        return switch (soundFormat) {
            case 0 -> "Linear PCM, platform endian";
            case 1 -> "ADPCM";
            case 2 -> "MP3";
            case 3 -> "Linear PCM, little endian";
            case 4, 5, 6 -> "Nellymoser";
            case 7 -> "G.711 A-law";
            case 8 -> "G.711 mu-law";
            case 10 -> "AAC";
            case 11 -> "Speex";
            case 14 -> "MP3 8 kHz";
            case 15 -> "device-specific";
            default -> "reserved";
        };
    }
}
