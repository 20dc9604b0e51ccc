package dev.streamflow.core.verify;

import dev.streamflow.core.media.Sps;
import dev.streamflow.core.media.TsInfo;
import dev.streamflow.core.segment.Segment;

/**
 * What the renditions are measured against, read from our own source segment.
 *
 * @param firstPts      the earliest video PTS, 0 .. 2^33 − 1
 * @param durationTicks the segment's duration in 90 kHz ticks
 * @param frameRate     frames per second from the source's timestamps
 * @param hasAudio      the source carries AAC
 */
record SourceFacts(int width, int height, long firstPts, long durationTicks, double frameRate, boolean hasAudio) {

    static SourceFacts of(Segment segment, TsInfo info) {
        Sps sps = info.parsedSps();
        double fps = info.frameRate().orElse(fallbackRate(segment));
        return new SourceFacts(sps.width(), sps.height(), Timestamps.span(info.videoPts()).start(), segment.duration(), fps,
                info.audio().isPresent());
    }

    /** A one-frame segment has no PTS step: its duration is its one frame. */
    private static double fallbackRate(Segment segment) {
        return Segment.CLOCK_HZ / (double) Math.max(1, segment.duration());
    }

    double durationSeconds() {
        return durationTicks / (double) Segment.CLOCK_HZ;
    }

    long frameTicks() {
        return Math.round(Segment.CLOCK_HZ / frameRate);
    }
}
