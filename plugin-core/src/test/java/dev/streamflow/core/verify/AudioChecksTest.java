package dev.streamflow.core.verify;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Content;
import dev.streamflow.core.segment.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Audio, judged against the source: copied audio is trusted without decoding, re-encoded audio is measured,
 * silenced audio is caught by the deep check and missing audio by the cheap chain. The renditions' audio is
 * rewritten with the bundled ffmpeg; their video is copied with its timestamps, so only the audio differs.
 */
class AudioChecksTest {
    private static Verifier verifier;
    private static VerificationInput honest;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        verifier = Verifier.standard();
        Segment segment = VerifyFixtures.segments(VerifyFixtures.clip(Content.PATTERN, 426, 240, 2.0)).get(0);
        honest = VerifyFixtures.honest(segment, VerifyFixtures.LADDER);
    }

    @AfterAll
    static void stopWorkers() {
        verifier.close();
    }

    @Test
    void audioCopiedFromTheSourceIsNotDecoded() {
        Verdict verdict = verifier.verify(honest.withDeepCheckOneIn(1));

        assertTrue(verdict.accepted(), verdict.toJson());
        assertEquals("2 renditions carry the source's audio unchanged, 0 were measured", audioResult(verdict).reason());
    }

    @Test
    void reEncodedAudioAtTheSourcesLevelIsMeasuredAndPasses() throws Exception {
        Verdict verdict = verifier.verify(withAudio(List.of("-c:a", "aac")).withDeepCheckOneIn(1));

        assertTrue(verdict.accepted(), verdict.toJson());
        assertTrue(audioResult(verdict).reason().startsWith("0 renditions carry the source's audio unchanged, 2 were measured, "
                + "the source peaks at"), audioResult(verdict).reason());
    }

    @Test
    void silencedAudioFailsTheDeepCheckOnly() throws Exception {
        VerificationInput silenced = withAudio(List.of("-af", "volume=0", "-c:a", "aac"));

        assertTrue(verifier.verify(silenced.withDeepCheckOneIn(0)).accepted(), "the cheap chain cannot hear");
        Verdict verdict = verifier.verify(silenced.withDeepCheckOneIn(1));
        assertEquals(Optional.of("audio"), VerifyFixtures.failedCheck(verdict), verdict.toJson());
        assertTrue(verdict.failure().orElseThrow().reason().contains("silent"), verdict.toJson());
    }

    @Test
    void missingAudioFailsTheCheapChain() throws Exception {
        Verdict verdict = verifier.verify(withAudio(List.of("-an")).withDeepCheckOneIn(0));

        assertFalse(verdict.accepted());
        assertEquals(Optional.of("audio-present"), VerifyFixtures.failedCheck(verdict), verdict.toJson());
    }

    private static CheckResult audioResult(Verdict verdict) {
        return verdict.results().stream().filter(r -> r.check().equals("audio")).findFirst().orElseThrow();
    }

    /** The honest answer with each rendition's audio rewritten by {@code audioArgs}, as a local result (no signature). */
    private VerificationInput withAudio(List<String> audioArgs) throws Exception {
        List<byte[]> renditions = new ArrayList<>();
        for (int i = 0; i < honest.renditions().size(); i++) {
            Path in = Files.write(dir.resolve("in" + i + ".ts"), honest.renditions().get(i));
            Path out = dir.resolve("out" + i + ".ts");
            List<String> args = new ArrayList<>(List.of("-loglevel", "error", "-y", "-copyts", "-i", in.toString(), "-map", "0:v"));
            if (!audioArgs.contains("-an")) {
                args.addAll(List.of("-map", "0:a"));
            }
            args.addAll(List.of("-c:v", "copy"));
            args.addAll(audioArgs);
            args.addAll(List.of("-muxdelay", "0", "-muxpreload", "0", "-f", "mpegts", out.toString()));
            TestMedia.tools().run(args);
            renditions.add(Files.readAllBytes(out));
        }
        return new VerificationInput(honest.source(), honest.profiles(), renditions, "test", Optional.empty(), Optional.empty(), false, 1);
    }
}
