package dev.streamflow.core.verify;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Content;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.core.verify.decode.DecodeReply;
import dev.streamflow.core.verify.decode.DecodeReply.Outcome;
import dev.streamflow.core.verify.decode.DecodeRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decode workers, as real processes: what they decode, and how a stalled, crashed or oversized decode ends. A
 * stall is a named pipe nobody writes, so the worker blocks exactly where the test wants it to.
 */
@Timeout(120)
class DecodeWorkersTest {
    private static final List<Double> TIMES = List.of(0.1, 0.4, 0.7, 0.9);
    private static VerificationInput honest;

    @TempDir
    Path dir;

    @BeforeAll
    static void transcode() throws Exception {
        Segment segment = VerifyFixtures.segments(VerifyFixtures.clip(Content.PATTERN, 426, 240, 2.0)).get(0);
        honest = VerifyFixtures.honest(segment, VerifyFixtures.LADDER);
    }

    @Test
    void decodesTheSampledFramesAtEachRenditionsSizeAndMeasuresAudioOnlyWhereAsked() throws Exception {
        try (DecodeWorkers workers = new DecodeWorkers(DeepCheckSettings.defaults())) {
            DecodeReply reply = workers.decode(new DecodeRequest(source(), 1 / 30.0, true,
                    List.of(rendition(0, 426, 240, true), rendition(1, 256, 144, false)), TIMES));

            assertEquals(Outcome.OK, reply.outcome(), reply.message());
            for (int i = 0; i < 2; i++) {
                DecodeReply.Frames frames = reply.renditions().get(i);
                assertEquals(TIMES.size(), frames.source().size());
                assertEquals(TIMES.size(), frames.rendition().size());
                assertEquals(frames.width() * frames.height(), frames.rendition().get(0).length);
                assertNotEquals(List.of(frames.rendition().get(0)), List.of(frames.rendition().get(3)), "the pattern moves");
            }
            assertEquals(List.of(426, 240, 256, 144), List.of(reply.renditions().get(0).width(), reply.renditions().get(0).height(),
                    reply.renditions().get(1).width(), reply.renditions().get(1).height()));
            double sine = reply.sourceAudio().orElseThrow().maxDb(); // ffmpeg's sine source: a 1/8 full-scale tone, AAC-coded
            assertTrue(sine > -24 && sine < -14, "source peak " + sine + " dB");
            assertEquals(reply.sourceAudio(), reply.renditionAudio().get(0), "the engine copies the audio");
            assertTrue(reply.renditionAudio().get(1).isEmpty(), "not asked for");
        }
    }

    @Test
    void aRenditionThatStallsIsKilledAtTheTimeoutAndBlamedAndTheNextCheckGetsANewWorker() throws Exception {
        DeepCheckSettings settings = DeepCheckSettings.defaults().withTimeout(Duration.ofSeconds(2));
        try (DecodeWorkers workers = new DecodeWorkers(settings)) {
            long start = System.nanoTime();
            DecodeReply stalled = workers.decode(new DecodeRequest(source(), 1 / 30.0, false, List.of(stall("stalled.ts", 426, 240)), TIMES));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertEquals(Outcome.RENDITION_FAULT, stalled.outcome(), stalled.message());
            assertTrue(stalled.message().contains("longer than 2000 ms"), stalled.message());
            assertTrue(elapsedMs < 10_000, "returned after " + elapsedMs + " ms");
            assertTrue(workers.pids().isEmpty(), "the killed worker is dropped");
            assertEquals(Outcome.OK, workers.decode(new DecodeRequest(source(), 1 / 30.0, false, List.of(rendition(0, 426, 240, false)),
                    TIMES)).outcome());
        }
    }

    @Test
    void aSourceThatStallsIsNotTheOrchestratorsFault() throws Exception {
        DeepCheckSettings settings = DeepCheckSettings.defaults().withTimeout(Duration.ofSeconds(2));
        try (DecodeWorkers workers = new DecodeWorkers(settings)) {
            DecodeRequest request = new DecodeRequest(fifo("source.ts"), 1 / 30.0, false, List.of(rendition(0, 426, 240, false)), TIMES);
            DecodeReply reply = workers.decode(request);

            assertEquals(Outcome.ERROR, reply.outcome());
            assertTrue(reply.message().contains("while decoding the source"), reply.message());
        }
    }

    @Test
    void aWorkerThatDiesOnARenditionIsReportedWithItsExitStatus() throws Exception {
        try (DecodeWorkers workers = new DecodeWorkers(DeepCheckSettings.defaults())) {
            DecodeRequest request = new DecodeRequest(source(), 1 / 30.0, false, List.of(stall("stalled.ts", 426, 240)), TIMES);
            Thread crash = new Thread(() -> {
                // Opening the pipe for writing returns once the worker has opened it for reading: it is on the rendition.
                try (FileOutputStream ignored = new FileOutputStream(request.renditions().get(0).file().toFile())) {
                    workers.pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            crash.start();
            DecodeReply reply = workers.decode(request);
            crash.join();

            assertEquals(Outcome.RENDITION_FAULT, reply.outcome(), reply.message());
            assertTrue(reply.message().contains("exited with 137"), reply.message());
        }
    }

    @Test
    void aRenditionLargerThanItClaimsIsRefused() throws Exception {
        try (DecodeWorkers workers = new DecodeWorkers(DeepCheckSettings.defaults())) {
            // The 426x240 source stands in for a rendition that should be 256x144.
            DecodeReply reply = workers.decode(new DecodeRequest(source(), 1 / 30.0, false,
                    List.of(new DecodeRequest.Rendition(source(), 1 / 30.0, 256, 144, false)), TIMES));

            assertEquals(Outcome.RENDITION_FAULT, reply.outcome());
            assertTrue(reply.message().startsWith("rendition 0"), reply.message());
        }
    }

    @Test
    void aWorkerThatCannotStartFailsEveryCheckWithTheReasonAndBlamesNoOne() {
        DeepCheckSettings settings = DeepCheckSettings.defaults().withMemoryLimit(96L << 20); // far too little for a JVM
        try (DecodeWorkers workers = new DecodeWorkers(settings)) {
            DeepCheckException first = assertThrows(DeepCheckException.class, () -> workers.decode(request()));
            assertFalse(first.orchestratorsFault());
            assertTrue(first.getMessage().startsWith("the decode worker did not start: exited with"), first.getMessage());

            long start = System.nanoTime();
            DeepCheckException again = assertThrows(DeepCheckException.class, () -> workers.decode(request()));
            assertEquals(first.getMessage(), again.getMessage());
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "no second start attempt right away");
        }
    }

    @Test
    void theDefaultLimitsLeaveRoomForA1080pLadder() throws Exception {
        Segment segment = VerifyFixtures.segments(TestMedia.Spec.pattern(1920, 1080, 30, 2.0)).get(0);
        VerificationInput input = VerifyFixtures.honest(segment, VideoProfile.DEFAULT_LADDER);
        DeepCheckSettings settings = DeepCheckSettings.defaults();
        try (WorkerFrameSampler sampler = new WorkerFrameSampler(new DecodeWorkers(settings), settings, new SecureRandom())) {
            DeepSample sample = sampler.sample(new Subject(input, null));
            assertEquals(List.of(3, 4), List.of(sample.renditions().size(), sample.times().size()));
            assertTrue(sample.renditions().stream().allMatch(DeepSample.RenditionSample::audioCopied), "the engine copies audio");
        }
    }

    private DecodeRequest request() throws Exception {
        return new DecodeRequest(source(), 1 / 30.0, false, List.of(rendition(0, 426, 240, false)), TIMES);
    }

    private Path source() throws Exception {
        Path file = dir.resolve("source.ts");
        return Files.exists(file) ? file : Files.write(file, honest.source().ts());
    }

    private DecodeRequest.Rendition rendition(int index, int width, int height, boolean audio) throws Exception {
        Path file = Files.write(dir.resolve("r" + index + ".ts"), honest.renditions().get(index));
        return new DecodeRequest.Rendition(file, 1 / 30.0, width, height, audio);
    }

    private DecodeRequest.Rendition stall(String name, int width, int height) throws Exception {
        return new DecodeRequest.Rendition(fifo(name), 1 / 30.0, width, height, false);
    }

    private Path fifo(String name) throws Exception {
        Path file = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", file.toString()).inheritIO().start().waitFor());
        return file;
    }
}
