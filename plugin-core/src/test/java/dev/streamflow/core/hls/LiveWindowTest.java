package dev.streamflow.core.hls;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveWindowTest {
    private static final Instant T = Instant.parse("2026-03-04T05:06:07.089Z");

    @Test
    void targetDurationIsTheLargestRoundedExtinfAndNeverShrinks() {
        LiveWindow window = new LiveWindow(6, 1);
        window.add(entry(0, 2000, false));
        window.add(entry(1, 2499, false));
        assertEquals(2, window.targetDuration(), "2.499 rounds to 2");
        window.add(entry(2, 2500, false));
        assertEquals(3, window.targetDuration(), "2.500 rounds to 3 (RFC 8216 §4.3.3.1: nearest integer ≤ target)");
        for (int i = 3; i < 12; i++) {
            window.add(entry(i, 1000, false));
        }
        assertEquals(3, window.targetDuration(), "the long segment left the window, the target stays");
    }

    @Test
    void aMinimumTargetHoldsFromTheStart() {
        LiveWindow window = new LiveWindow(6, 4);
        window.add(entry(0, 2000, false));
        assertTrue(window.render(false).contains("#EXT-X-TARGETDURATION:4\n"));
    }

    @Test
    void returnsWhatSlidesOutAndCountsItsDiscontinuities() {
        LiveWindow window = new LiveWindow(6, 1);
        for (int i = 0; i < 6; i++) {
            assertEquals(List.of(), window.add(entry(i, 2000, i == 1 || i == 2)));
        }
        assertEquals(List.of(entry(0, 2000, false)), window.add(entry(6, 2000, false)));
        assertTrue(window.render(false).contains("#EXT-X-DISCONTINUITY-SEQUENCE:0\n"));
        window.add(entry(7, 2000, false));
        assertTrue(window.render(false).contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n"));
        window.add(entry(8, 2000, false));
        String text = window.render(true);
        assertTrue(text.contains("#EXT-X-DISCONTINUITY-SEQUENCE:2\n#EXT-X-PROGRAM-DATE-TIME"), text);
        assertTrue(text.contains("#EXT-X-MEDIA-SEQUENCE:3\n"), text);
        assertTrue(text.endsWith("8.ts\n#EXT-X-ENDLIST\n"), text);
    }

    @Test
    void writesMillisecondExtinfAndUtcProgramDateTime() {
        LiveWindow window = new LiveWindow(6, 1);
        window.add(new WindowEntry(41, "42.ts", 1967, T, true));
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:41
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-DISCONTINUITY
                #EXT-X-PROGRAM-DATE-TIME:2026-03-04T05:06:07.089+00:00
                #EXTINF:1.967,
                42.ts
                """, window.render(false));
    }

    private static WindowEntry entry(long sequence, long millis, boolean discontinuity) {
        return new WindowEntry(sequence, sequence + ".ts", millis, T.plusSeconds(2 * sequence), discontinuity);
    }
}
