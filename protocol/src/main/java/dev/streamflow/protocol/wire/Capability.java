package dev.streamflow.protocol.wire;

/** go-livepeer's capability ids ({@code core/capabilities.go}); the id is the bit number in the bitstring. */
public enum Capability {
    H264(0),
    MPEGTS(1),
    MP4(2),
    FRACTIONAL_FRAMERATES(3),
    STORAGE_DIRECT(4),
    STORAGE_S3(5),
    STORAGE_GCS(6),
    PROFILE_H264_BASELINE(7),
    PROFILE_H264_MAIN(8),
    PROFILE_H264_HIGH(9),
    PROFILE_H264_CONSTRAINED_HIGH(10),
    GOP(11),
    AUTH_TOKEN(12),
    SCENE_CLASSIFICATION(13),
    MPEG7_VIDEO_SIGNATURE(14),
    HEVC_DECODE(15),
    HEVC_ENCODE(16),
    VP8_DECODE(17),
    VP9_DECODE(18),
    VP8_ENCODE(19),
    VP9_ENCODE(20),
    H264_DECODE_444_8BIT(21),
    H264_DECODE_422_8BIT(22),
    H264_DECODE_444_10BIT(23),
    H264_DECODE_422_10BIT(24),
    H264_DECODE_420_10BIT(25),
    SEGMENT_SLICING(26);

    private final int id;

    Capability(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
