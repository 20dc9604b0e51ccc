package dev.streamflow.core.hls;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.media.AudioConfig;
import dev.streamflow.core.media.AvcCodec;
import dev.streamflow.core.media.CodecStrings;
import dev.streamflow.core.segment.Segment;

import java.util.Arrays;

/** What one rendition has measured so far: sizes, bitrates, codec, picture size and frame rate. */
final class VariantStats {
    /** Beyond the elementary streams, MPEG-TS packet and PES headers cost roughly this much. */
    private static final int TS_OVERHEAD_PERCENT = 10;

    private final VideoProfile profile;
    private final String uri;
    private final int audioKbps;
    private long totalBytes;
    private long totalTicks;
    private long peakBitsPerSecond;
    private AvcCodec codec;
    private AudioConfig audio;
    private int width;
    private int height;
    private double frameRate;
    private byte[] sps;
    private byte[] pps;

    VariantStats(VideoProfile profile, String uri, int audioKbps) {
        this.profile = profile;
        this.uri = uri;
        this.audioKbps = audioKbps;
        this.frameRate = profile.fps();
    }

    /** An encoder change shows up as different parameter sets; the first segment changes nothing. */
    boolean parameterSetsChangedBy(ProbedRendition next) {
        return sps != null && (!Arrays.equals(sps, next.spsNal()) || !Arrays.equals(pps, next.ppsNal()));
    }

    void record(ProbedRendition next, long durationTicks) {
        totalBytes += next.bytes();
        totalTicks += durationTicks;
        peakBitsPerSecond = Math.max(peakBitsPerSecond, bitsPerSecond(next.bytes(), durationTicks));
        AvcCodec seen = AvcCodec.of(next.sps());
        codec = codec == null ? seen : codec.covering(seen);
        audio = next.info().audio().orElse(audio);
        width = next.sps().width();
        height = next.sps().height();
        next.info().frameRate().ifPresent(fps -> frameRate = fps);
        sps = next.spsNal();
        pps = next.ppsNal();
    }

    /** The values the master playlist should declare now. */
    VariantEntry measured() {
        long average = Math.round(totalBytes * 8.0 * Segment.CLOCK_HZ / totalTicks);
        long bandwidth = Math.max(peakBitsPerSecond, bandwidthFloor());
        String codecs = audio == null ? codec.toString() : codec + "," + CodecStrings.aac(audio);
        return new VariantEntry(uri, bandwidth, average, codecs, width, height, frameRate);
    }

    /**
     * Players read the master once and a live peak must stay below 125 % of BANDWIDTH (Apple 1.29), so
     * BANDWIDTH is never below what the encoder was asked for plus audio and container overhead.
     */
    private long bandwidthFloor() {
        long elementary = profile.bitrateKbps() * 1000L + (audio == null ? 0 : audioKbps * 1000L);
        return elementary * (100 + TS_OVERHEAD_PERCENT) / 100;
    }

    /** Bit rate of one segment, rounded up. */
    static long bitsPerSecond(long bytes, long durationTicks) {
        long bits = bytes * 8 * Segment.CLOCK_HZ;
        return (bits + durationTicks - 1) / durationTicks;
    }
}
