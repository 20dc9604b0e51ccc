package dev.streamflow.core.hls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Segments that left the window stay on disk while {@code keep} more segments leave it, so a player that
 * loaded an older playlist can still fetch them (RFC 8216 §6.2.2).
 */
final class SegmentRetention {
    private final int keep;
    private final Deque<WindowEntry> retired = new ArrayDeque<>();

    SegmentRetention(int keep) {
        this.keep = keep;
    }

    /** Takes the segments that just left the window and returns those to delete now. */
    List<WindowEntry> retire(List<WindowEntry> leaving) {
        retired.addAll(leaving);
        List<WindowEntry> expired = new ArrayList<>();
        while (retired.size() > keep) {
            expired.add(retired.removeFirst());
        }
        return expired;
    }
}
