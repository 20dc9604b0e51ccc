package dev.streamflow.bridge.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameRateGateTest {
    private static final long TICKS = 90000;

    @Test
    void sameRateKeepsEveryFrame() {
        FrameRateGate gate = new FrameRateGate(30, 1, 30, 1, TICKS);
        assertFalse(gate.reducing());
        assertEquals(60, kept(gate, frames(12345, 3000, 60)).size());
    }

    @Test
    void slightlySlowerSourceIsNotReduced() {
        FrameRateGate gate = new FrameRateGate(30000, 1001, 30, 1, TICKS);
        assertFalse(gate.reducing());
        assertEquals(60, kept(gate, frames(0, 3003, 60)).size());
    }

    @Test
    void halvesSixtyToThirtyWithEvenSpacing() {
        List<Long> kept = kept(new FrameRateGate(60, 1, 30, 1, TICKS), frames(127920, 1500, 120));
        assertEquals(60, kept.size());
        for (int i = 1; i < kept.size(); i++) {
            assertEquals(3000, kept.get(i) - kept.get(i - 1));
        }
    }

    @Test
    void millisecondJitterDoesNotUnevenTheKeptFrames() {
        // 60 fps from RTMP: timestamps in whole milliseconds (0, 17, 33, 50, 67, ...), as 90 kHz ticks.
        long[] pts = LongStream.range(0, 120).map(i -> Math.round(i * 1000.0 / 60) * 90).toArray();
        List<Long> kept = kept(new FrameRateGate(60, 1, 30, 1, TICKS), pts);
        assertEquals(60, kept.size());
        for (int i = 1; i < kept.size(); i++) {
            long step = kept.get(i) - kept.get(i - 1);
            assertTrue(Math.abs(step - 3000) <= 90, "step " + step + " at " + i);
        }
    }

    @Test
    void fiftyToThirtyKeepsThirtyPerSecondWithoutDuplicates() {
        List<Long> kept = kept(new FrameRateGate(50, 1, 30, 1, TICKS), frames(0, 1800, 100));
        assertEquals(60, kept.size());
        assertEquals(kept.size(), kept.stream().distinct().count());
    }

    @Test
    void consecutiveSegmentsDecideAsOneStream() {
        long[] all = frames(127920, 1500, 240);
        List<Long> continuous = kept(new FrameRateGate(60, 1, 30, 1, TICKS), all);
        List<Long> segmented = new ArrayList<>();
        for (int start = 0; start < all.length; start += 61) {
            long[] segment = java.util.Arrays.copyOfRange(all, start, Math.min(all.length, start + 61));
            segmented.addAll(kept(new FrameRateGate(60, 1, 30, 1, TICKS), segment));
        }
        assertEquals(continuous, segmented);
    }

    @Test
    void timestampsThatDoNotAdvanceAreDropped() {
        FrameRateGate gate = new FrameRateGate(30, 1, 30, 1, TICKS);
        assertTrue(gate.admit(3000));
        assertFalse(gate.admit(3000));
        assertFalse(gate.admit(2000));
        assertTrue(gate.admit(6000));
    }

    private static long[] frames(long first, long step, int count) {
        return LongStream.range(0, count).map(i -> first + i * step).toArray();
    }

    private static List<Long> kept(FrameRateGate gate, long[] pts) {
        List<Long> kept = new ArrayList<>();
        for (long t : pts) {
            if (gate.admit(t)) {
                kept.add(t);
            }
        }
        return kept;
    }
}
