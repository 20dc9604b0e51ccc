package dev.streamflow.core.hls;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The sliding window of a live media playlist. All renditions list the same segments with the same tags, so
 * one window renders the text of every rendition's playlist (segment URIs are relative to it).
 */
final class LiveWindow {
    static final int VERSION = 3; // floating-point EXTINF
    private static final DateTimeFormatter PROGRAM_DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    private final int capacity;
    private final Deque<WindowEntry> entries = new ArrayDeque<>();
    private int targetDuration;
    private long discontinuitySequence;

    LiveWindow(int capacity, int minTargetDuration) {
        this.capacity = capacity;
        this.targetDuration = minTargetDuration;
    }

    /** Appends a segment and returns the ones that slid out of the window. */
    List<WindowEntry> add(WindowEntry entry) {
        entries.addLast(entry);
        targetDuration = Math.max(targetDuration, entry.roundedSeconds());
        List<WindowEntry> left = new ArrayList<>();
        while (entries.size() > capacity) {
            WindowEntry out = entries.removeFirst();
            if (out.discontinuity()) {
                discontinuitySequence++; // RFC 8216 §6.2.2: removing a DISCONTINUITY tag increments the sequence
            }
            left.add(out);
        }
        return left;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int targetDuration() {
        return targetDuration;
    }

    String render(boolean ended) {
        StringBuilder out = new StringBuilder(256 + entries.size() * 96)
                .append("#EXTM3U\n")
                .append("#EXT-X-VERSION:").append(VERSION).append('\n')
                .append("#EXT-X-TARGETDURATION:").append(targetDuration).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:").append(entries.getFirst().mediaSequence()).append('\n')
                .append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        for (WindowEntry e : entries) {
            if (e.discontinuity()) {
                out.append("#EXT-X-DISCONTINUITY\n");
            }
            out.append("#EXT-X-PROGRAM-DATE-TIME:").append(PROGRAM_DATE_TIME.format(e.programDateTime())).append('\n')
                    .append("#EXTINF:").append(extinf(e.durationMillis())).append(",\n")
                    .append(e.fileName()).append('\n');
        }
        if (ended) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }

    private static String extinf(long millis) {
        return millis / 1000 + "." + String.format(Locale.ROOT, "%03d", millis % 1000);
    }
}
