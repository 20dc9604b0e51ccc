package dev.streamflow.core.verify;

import dev.streamflow.bridge.cheat.Misbehaviour;
import dev.streamflow.bridge.node.SegmentTranscoder;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Content;
import dev.streamflow.core.segment.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each misbehaving orchestrator (its {@link SegmentTranscoder} and signer, in process) is caught on every segment
 * by the check that covers it: the cheap ones with deep checks switched off, the content ones when sampled.
 */
class CheatsCaughtTest {
    private static List<Segment> segments;
    private static Verifier verifier;

    @AfterAll
    static void stopWorkers() {
        verifier.close();
    }

    @BeforeAll
    static void setUp() throws Exception {
        segments = VerifyFixtures.segments(VerifyFixtures.clip(Content.PATTERN, 426, 240, 6.0));
        verifier = Verifier.standard();
    }

    @ParameterizedTest
    @EnumSource(value = Misbehaviour.class, names = {"BAD_SIGNATURE", "WRONG_RESOLUTION", "TRUNCATED_OUTPUT", "WRONG_PIXEL_COUNT",
            "OVERSIZED_OUTPUT", "GARBAGE_OUTPUT"})
    void cheapChecksCatchItOnEverySegment(Misbehaviour cheat) throws Exception {
        SegmentTranscoder transcoder = cheat.transcoder(VerifyFixtures.engine(), TestMedia.tools());
        for (Segment segment : segments) {
            Verdict verdict = verifier.verify(VerifyFixtures.answer(cheat, transcoder, segment, VerifyFixtures.LADDER).withDeepCheckOneIn(0));
            assertFalse(verdict.deepChecked());
            assertTrue(expectedChecks(cheat).contains(VerifyFixtures.failedCheck(verdict).orElse("none")), cheat + ": " + verdict.toJson());
        }
    }

    @Test
    void staleOutputFailsOnTimestampsFromTheSecondSegmentOn() throws Exception {
        SegmentTranscoder transcoder = Misbehaviour.STALE_OUTPUT.transcoder(VerifyFixtures.engine(), TestMedia.tools());
        for (Segment segment : segments) {
            Verdict verdict = verifier.verify(VerifyFixtures.answer(Misbehaviour.STALE_OUTPUT, transcoder, segment, VerifyFixtures.LADDER)
                    .withDeepCheckOneIn(0));
            Optional<String> expected = segment == segments.get(0) ? Optional.empty() : Optional.of("timestamps");
            assertEquals(expected, VerifyFixtures.failedCheck(verdict), verdict.toJson());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Misbehaviour.class, names = {"BLACK_FRAMES", "DIFFERENT_VIDEO"})
    void deepChecksCatchWhatTheCheapChainCannot(Misbehaviour cheat) throws Exception {
        SegmentTranscoder transcoder = cheat.transcoder(VerifyFixtures.engine(), TestMedia.tools());
        for (Segment segment : segments) {
            VerificationInput answer = VerifyFixtures.answer(cheat, transcoder, segment, VerifyFixtures.LADDER);
            assertTrue(verifier.verify(answer.withDeepCheckOneIn(0)).accepted(), "the cheap chain cannot see content");
            Verdict sampled = verifier.verify(answer.withDeepCheckOneIn(1));
            assertTrue(sampled.deepChecked());
            assertEquals(Optional.of(cheat == Misbehaviour.BLACK_FRAMES ? "black" : "content"), VerifyFixtures.failedCheck(sampled),
                    sampled.toJson());
        }
    }

    @Test
    void honestAnswersPassTheSameChecks() throws Exception {
        for (Segment segment : segments) {
            Verdict verdict = verifier.verify(VerifyFixtures.honest(segment, VerifyFixtures.LADDER).withDeepCheckOneIn(1));
            assertTrue(verdict.accepted(), verdict.toJson());
            assertEquals(Checks.cheap().size() + Checks.deep(ContentThresholds.calibrated()).size(), verdict.results().size());
        }
    }

    @Test
    void renditionsInTheWrongOrderFailOnResolution() throws Exception {
        VerificationInput honest = VerifyFixtures.honest(segments.get(0), VerifyFixtures.LADDER);
        List<byte[]> swapped = List.of(honest.renditions().get(1), honest.renditions().get(0));
        Verdict verdict = verifier.verify(honest.withRenditions(swapped).withDeepCheckOneIn(0));
        assertEquals(Optional.of("signature"), VerifyFixtures.failedCheck(verdict), "the signature covers the order");
        Verdict unsigned = verifier.verify(new VerificationInput(honest.source(), honest.profiles(), swapped, "local", Optional.empty(),
                Optional.empty(), false, 0));
        assertEquals(Optional.of("resolution"), VerifyFixtures.failedCheck(unsigned), unsigned.toJson());
    }

    @Test
    void missingRenditionFailsOnTheLadder() throws Exception {
        VerificationInput honest = VerifyFixtures.honest(segments.get(0), VerifyFixtures.LADDER);
        Verdict verdict = verifier.verify(honest.withRenditions(List.of(honest.renditions().get(0))));
        assertEquals(Optional.of("ladder"), VerifyFixtures.failedCheck(verdict));
    }

    private static Set<String> expectedChecks(Misbehaviour cheat) {
        return switch (cheat) {
            case BAD_SIGNATURE -> Set.of("signature");
            case WRONG_RESOLUTION -> Set.of("resolution");
            case TRUNCATED_OUTPUT -> Set.of("structure", "duration");
            case WRONG_PIXEL_COUNT -> Set.of("pixels");
            case OVERSIZED_OUTPUT -> Set.of("resolution");
            case GARBAGE_OUTPUT -> Set.of("structure");
            default -> throw new IllegalArgumentException(cheat.name());
        };
    }
}
