package dev.streamflow.protocol.client;

import java.time.Duration;

/**
 * The two deadlines of one {@code POST /segment} (reference §3.2): {@code upload} runs until the response
 * headers (the orchestrator's early 200), {@code total} covers the whole exchange including the result.
 */
public record SegmentTimeouts(Duration upload, Duration total) {
    private static final Duration MIN_UPLOAD = Duration.ofSeconds(2);
    private static final Duration MIN_TOTAL = Duration.ofSeconds(8);

    public SegmentTimeouts {
        if (upload == null || total == null || upload.isNegative() || upload.isZero() || total.compareTo(upload) < 0) {
            throw new IllegalArgumentException("need 0 < upload <= total, got upload " + upload + ", total " + total);
        }
    }

    /** go-livepeer's: upload {@code max(2 s, d/2)}, total {@code max(8 s, 4 d)} for a segment of duration d. */
    public static SegmentTimeouts forSegment(Duration duration) {
        Duration upload = max(MIN_UPLOAD, duration.dividedBy(2));
        Duration total = max(MIN_TOTAL, duration.multipliedBy(4));
        return new SegmentTimeouts(upload, total);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
