package dev.streamflow.bridge.engine;

/**
 * Decides which decoded frames a rendition keeps. Frames whose timestamp does not advance are always
 * dropped (encoders and the muxer need strictly increasing pts). When the source is faster than the
 * profile, time is cut into output frame intervals counted from timestamp 0, and a frame is kept only
 * if it is the first of its interval: if the frame before it (in the continuous stream) fell into an
 * earlier interval. For the first frame of a segment that frame is in the previous segment, one source
 * frame interval earlier, so every segment decides exactly as one continuous stream would, and the
 * renditions of consecutive segments concatenate at the profile rate. Frames are never duplicated.
 */
final class FrameRateGate {
    private final boolean reducing;
    /** pts × numerator / denominator = position in output frame intervals. */
    private final long numerator;
    private final long denominator;
    private final long sourceFrameTicks;
    private long lastSeenPts = Long.MIN_VALUE;
    private long lastKeptPts = Long.MIN_VALUE;
    private long lastKeptInterval = Long.MIN_VALUE;

    /**
     * @param sourceFpsNum source frames per second, as a fraction with {@code sourceFpsDen}
     * @param profileFps   the most frames per second the rendition may have
     * @param timeBaseNum  the timestamps' unit in seconds, as a fraction with {@code timeBaseDen}
     */
    FrameRateGate(long sourceFpsNum, long sourceFpsDen, int profileFps, long timeBaseNum, long timeBaseDen) {
        this.reducing = sourceFpsNum > profileFps * sourceFpsDen;
        this.numerator = Math.multiplyExact((long) profileFps, timeBaseNum);
        this.denominator = timeBaseDen;
        this.sourceFrameTicks = Math.max(1, Math.round((double) timeBaseDen * sourceFpsDen / ((double) timeBaseNum * sourceFpsNum)));
    }

    boolean reducing() {
        return reducing;
    }

    boolean admit(long pts) {
        long previous = lastSeenPts == Long.MIN_VALUE ? pts - sourceFrameTicks : lastSeenPts;
        lastSeenPts = pts;
        if (pts <= lastKeptPts) {
            return false;
        }
        if (reducing) {
            long interval = intervalOf(pts);
            if (interval <= intervalOf(previous) || interval <= lastKeptInterval) {
                return false;
            }
            lastKeptInterval = interval;
        }
        lastKeptPts = pts;
        return true;
    }

    /**
     * The output interval a timestamp falls in, shifted by a quarter interval: at an exact 2:1 ratio the
     * source frames then sit a quarter interval away from every boundary, so timestamp jitter of a
     * millisecond or two (RTMP sources) cannot make the kept frames uneven.
     */
    private long intervalOf(long pts) {
        return Math.floorDiv(Math.addExact(Math.multiplyExact(4 * pts, numerator), denominator), 4 * denominator);
    }
}
