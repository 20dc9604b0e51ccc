package dev.streamflow.core.segment;

import dev.streamflow.core.ingest.StreamKey;

import java.time.Instant;

/**
 * A keyframe-aligned piece of one live stream, as MPEG-TS bytes that keep the source timestamps.
 *
 * @param sequence       0, 1, 2 … within the stream
 * @param startPts       presentation time of the first video frame, 90 kHz, not wrapped to 33 bits
 * @param duration       length in 90 kHz ticks (next segment's start − this start, or the last frame's end)
 * @param ingestedAt     wall-clock time the first packet of the segment arrived (for EXT-X-PROGRAM-DATE-TIME)
 * @param discontinuity  the source timestamps break before this segment (publisher restart, clock jump)
 * @param videoPackets   video access units in the segment
 * @param audioPackets   audio packets in the segment
 */
public record Segment(StreamKey stream, long sequence, long startPts, long duration, Instant ingestedAt,
                      boolean discontinuity, int videoPackets, int audioPackets, byte[] ts) {

    public static final int CLOCK_HZ = 90_000;

    public double durationSeconds() {
        return duration / (double) CLOCK_HZ;
    }
}
