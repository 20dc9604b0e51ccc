package dev.streamflow.core.ingest;

import java.util.Objects;

/**
 * One packet from the host, copied out of the host's buffers before the adapter returns.
 *
 * <p>A {@code config} packet carries codec configuration instead of media: the avcC record (AVCC) or SPS+PPS
 * (Annex B) for H.264, the AudioSpecificConfig for raw AAC. {@code data} belongs to the packet; nobody
 * writes to it after construction.
 */
public record MediaPacket(Kind kind, Codec codec, BitstreamFormat format, boolean config, boolean keyframe,
                          long pts, long dts, TimeBase timeBase, byte[] data) {

    public enum Kind { VIDEO, AUDIO }

    /** How the payload is framed. */
    public enum BitstreamFormat {
        /** H.264 NAL units with 4-byte big-endian lengths; config is an avcC record (RTMP/FLV, MP4). */
        AVCC,
        /** H.264 NAL units behind start codes; config is SPS and PPS with start codes (WebRTC, MPEG-TS). */
        ANNEX_B,
        /** Raw AAC access units; config is the AudioSpecificConfig (RTMP/FLV, MP4). */
        AAC_RAW,
        /** AAC access units each behind an ADTS header; no config packet needed. */
        AAC_ADTS,
        /** A codec Streamflow does not transcode; the packet is only there to be rejected by name. */
        OPAQUE
    }

    public MediaPacket {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(timeBase, "timeBase");
        Objects.requireNonNull(data, "data");
    }

    public boolean isVideo() {
        return kind == Kind.VIDEO;
    }

    public boolean isAudio() {
        return kind == Kind.AUDIO;
    }
}
