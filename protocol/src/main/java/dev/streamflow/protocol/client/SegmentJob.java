package dev.streamflow.protocol.client;

import dev.streamflow.protocol.net.VideoProfile;

import java.time.Duration;
import java.util.List;

/**
 * One segment to transcode: its stream, sequence number, MPEG-TS bytes, duration and output profiles (each
 * with a non-empty name, since names are signed).
 */
public record SegmentJob(String manifestId, long seq, byte[] ts, Duration duration, List<VideoProfile> profiles) {

    public SegmentJob {
        if (manifestId == null || manifestId.isEmpty()) {
            throw new IllegalArgumentException("manifest id is empty");
        }
        if (ts == null || ts.length == 0) {
            throw new IllegalArgumentException("segment " + seq + " has no bytes");
        }
        if (duration == null || duration.isNegative() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segment " + seq + " has an invalid duration " + duration);
        }
        if (profiles == null || profiles.isEmpty()) {
            throw new IllegalArgumentException("segment " + seq + " has no output profiles");
        }
        if (profiles.stream().anyMatch(p -> p.getName().isEmpty())) {
            throw new IllegalArgumentException("segment " + seq + " has a profile without a name (names are signed)");
        }
        profiles = List.copyOf(profiles);
    }
}
