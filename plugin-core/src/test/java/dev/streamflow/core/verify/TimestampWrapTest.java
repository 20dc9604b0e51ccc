package dev.streamflow.core.verify;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.media.TsInfo;
import dev.streamflow.core.media.TsProbe;
import dev.streamflow.core.segment.Segment;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 24/7 channel's timestamps wrap at 2^33 every 26.5 h (notes §11): honest results of a segment that straddles the
 * wrap and of the next one pass; the first one's renditions for the next segment fail. The segments are whole clips,
 * not the segmenter's output (the engine rejected a segmenter-cut segment near the wrap: see the hand-over report).
 */
class TimestampWrapTest {
    private static final double WRAP_SECONDS = (1L << 33) / 90_000.0;

    @Test
    void honestResultsAcrossTheWrapPassAndStaleOnesStillFail() throws Exception {
        // The muxer delays the clips by 1.4 s: the first spans wrap − 1 s .. wrap + 1 s, the next starts 1 s after the wrap.
        Segment straddling = clipSegment(0, WRAP_SECONDS - 2.4);
        Segment after = clipSegment(1, WRAP_SECONDS - 0.4);
        try (Verifier verifier = Verifier.standard()) {
            check(verifier, straddling, after);
        }
    }

    private static void check(Verifier verifier, Segment straddling, Segment after) throws Exception {
        VerificationInput first = VerifyFixtures.honest(straddling, VerifyFixtures.LADDER);
        VerificationInput second = VerifyFixtures.honest(after, VerifyFixtures.LADDER);
        assertTrue(first.source().startPts() > (1L << 33) - 2 * Segment.CLOCK_HZ, "the first segment starts just before the wrap");
        assertTrue(second.source().startPts() < 2 * Segment.CLOCK_HZ, "the second starts just after it");

        for (VerificationInput honest : new VerificationInput[]{first, second}) {
            Verdict verdict = verifier.verify(honest.withDeepCheckOneIn(1));
            assertTrue(verdict.accepted(), "start pts " + honest.source().startPts() + ": " + verdict.toJson());
        }
        Verdict stale = verifier.verify(new VerificationInput(after, VerifyFixtures.LADDER, first.renditions(), "local",
                Optional.empty(), Optional.empty(), false, 0));
        assertEquals(Optional.of("timestamps"), VerifyFixtures.failedCheck(stale), stale.toJson());
    }

    private static Segment clipSegment(long sequence, double startSeconds) throws Exception {
        byte[] ts = Files.readAllBytes(TestMedia.ts(TestMedia.Spec.pattern(426, 240, 30, 2.0).startingAt(startSeconds)));
        TsInfo info = TsProbe.probe(ts);
        long firstPts = info.videoPts().get(0); // openh264 has no B-frames: the first in file order is the earliest
        return new Segment(new StreamKey("live", "wrap"), sequence, firstPts, 2 * Segment.CLOCK_HZ, Instant.now(), false,
                info.accessUnits(), 0, ts);
    }
}
