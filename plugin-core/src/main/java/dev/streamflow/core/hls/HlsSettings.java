package dev.streamflow.core.hls;

/**
 * How a stream is published as HLS.
 *
 * @param windowSegments           segments listed in each live media playlist; at least 6 (Apple 8.11)
 * @param audioKbps                audio bitrate assumed when a rendition carries audio, for the BANDWIDTH floor
 * @param minTargetDurationSeconds lowest EXT-X-TARGETDURATION; set it to the segmenter's longest segment so the
 *                                 target never has to grow mid-stream (RFC 8216 §6.2.1 forbids changing it)
 */
public record HlsSettings(int windowSegments, int audioKbps, int minTargetDurationSeconds) {
    public static final int MIN_WINDOW = 6;
    public static final int MAX_WINDOW = 10_000;
    public static final int DEFAULT_AUDIO_KBPS = 128;

    public HlsSettings {
        if (windowSegments < MIN_WINDOW || windowSegments > MAX_WINDOW) {
            throw new IllegalArgumentException("HLS window must be " + MIN_WINDOW + ".." + MAX_WINDOW + " segments, was " + windowSegments);
        }
        if (audioKbps < 0 || audioKbps > 1024) {
            throw new IllegalArgumentException("HLS audio bitrate must be 0..1024 kbps, was " + audioKbps);
        }
        if (minTargetDurationSeconds < 1 || minTargetDurationSeconds > 60) {
            throw new IllegalArgumentException("HLS minimum target duration must be 1..60 s, was " + minTargetDurationSeconds);
        }
    }

    public HlsSettings(int windowSegments) {
        this(windowSegments, DEFAULT_AUDIO_KBPS, 1);
    }

    public static HlsSettings defaults() {
        return new HlsSettings(MIN_WINDOW);
    }

    /** Segments that left the window but stay on disk: segment duration + playlist duration (RFC 8216 §6.2.2). */
    public int retainedAfterWindow() {
        return windowSegments + 1;
    }
}
