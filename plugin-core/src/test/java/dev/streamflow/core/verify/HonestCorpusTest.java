package dev.streamflow.core.verify;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Content;
import dev.streamflow.core.segment.Segment;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zero false rejections: 50 honest segments of five kinds of content, each through the cheap chain and the deep
 * checks (deep on every one here), and the SSIM calibration taken from the very frames the verifier judged.
 * The table goes to {@code target/verify-calibration.md} and into BENCHMARKS.md by hand.
 */
class HonestCorpusTest {
    /** The ladder plus a starved rung: honest output at a low bitrate is where SSIM sinks. */
    private static final List<VideoProfile> LADDER = List.of(VerifyFixtures.P240, VerifyFixtures.P144,
            new VideoProfile("240p-150k", 426, 240, 30, 150));

    @Test
    void acceptsEveryHonestSegmentAndRecordsTheCalibration() throws Exception {
        DeepCheckSettings settings = DeepCheckSettings.defaults();
        try (WorkerFrameSampler workers = new WorkerFrameSampler(new DecodeWorkers(settings), settings, new SecureRandom())) {
            calibrate(new RecordingSampler(workers));
        }
    }

    private static void calibrate(RecordingSampler sampler) throws Exception {
        Verifier verifier = new Verifier(Checks.cheap(), Checks.deep(ContentThresholds.calibrated()), new DeepSampling(new SecureRandom()), sampler);
        Map<Content, Calibration> calibration = new EnumMap<>(Content.class);
        List<String> rejections = new ArrayList<>();
        int segments = 0;
        for (Content content : Content.values()) {
            Calibration c = calibration.computeIfAbsent(content, k -> new Calibration());
            for (Segment segment : VerifyFixtures.segments(VerifyFixtures.clip(content, 426, 240, 20.0))) {
                Verdict verdict = verifier.verify(VerifyFixtures.honest(segment, LADDER).withDeepCheckOneIn(1));
                segments++;
                assertTrue(verdict.deepChecked());
                if (!verdict.accepted()) {
                    rejections.add(content + " seq " + segment.sequence() + ": " + verdict.summary());
                }
                assertTrue(verdict.errors().isEmpty(), verdict.toJson());
                c.add(sampler.last);
            }
        }
        Files.writeString(Path.of("target", "verify-calibration.md"), Calibration.table(calibration, LADDER));
        System.out.println(Calibration.table(calibration, LADDER));
        assertTrue(segments >= 50, segments + " segments");
        assertEquals(List.of(), rejections, "honest segments rejected");
        ContentThresholds t = ContentThresholds.calibrated();
        for (Map.Entry<Content, Calibration> e : calibration.entrySet()) {
            assertTrue(e.getValue().minFrame >= t.minFrameSsim() + 0.1, e.getKey() + ": honest frame SSIM " + e.getValue().minFrame
                    + " is within 0.1 of the cut " + t.minFrameSsim());
        }
    }

    /** Keeps the last sample the verifier decoded. */
    private static final class RecordingSampler implements FrameSampler {
        private final FrameSampler inner;
        private DeepSample last;

        RecordingSampler(FrameSampler inner) {
            this.inner = inner;
        }

        @Override
        public DeepSample sample(Subject subject) throws DeepCheckException {
            last = inner.sample(subject);
            return last;
        }
    }

    /** Per content: SSIM per frame and per rendition (min, median), the aligned-vs-shifted advantage, motion kept. */
    private static final class Calibration {
        private final List<Double> frames = new ArrayList<>();
        private final List<Double> medians = new ArrayList<>();
        private final List<Double> advantages = new ArrayList<>();
        private final Map<Integer, List<Double>> medianByRung = new java.util.TreeMap<>();
        private double minFrame = 1;
        private double minMotionShare = Double.MAX_VALUE;

        void add(DeepSample sample) {
            for (int i = 0; i < sample.renditions().size(); i++) {
                DeepSample.RenditionSample r = sample.renditions().get(i);
                ContentCheck.SsimScores scores = ContentCheck.SsimScores.of(r);
                for (double s : scores.aligned()) {
                    frames.add(s);
                }
                minFrame = Math.min(minFrame, scores.min());
                medians.add(scores.median());
                medianByRung.computeIfAbsent(i, k -> new ArrayList<>()).add(scores.median());
                scores.advantageWhereTheSourceMoves(r).ifPresent(advantages::add);
                for (int k = 0; k + 1 < r.source().size(); k++) {
                    double source = Luma.meanAbsoluteDifference(r.source().get(k), r.source().get(k + 1));
                    if (source >= ContentCheck.SOURCE_MOVES) {
                        minMotionShare = Math.min(minMotionShare, Luma.meanAbsoluteDifference(r.rendition().get(k), r.rendition().get(k + 1)) / source);
                    }
                }
            }
        }

        static String table(Map<Content, Calibration> all, List<VideoProfile> ladder) {
            StringBuilder out = new StringBuilder("| content | segments × rungs | frames | frame SSIM min | frame SSIM p5 | rendition median min | median of medians |");
            for (VideoProfile p : ladder) {
                out.append(' ').append(p.name()).append(" median min |");
            }
            out.append(" aligned − shifted min | motion kept min |\n|---|---|---|---|---|---|---|");
            out.append("---|".repeat(ladder.size())).append("---|---|\n");
            for (Map.Entry<Content, Calibration> e : all.entrySet()) {
                Calibration c = e.getValue();
                out.append(String.format("| %s | %d | %d | %.3f | %.3f | %.3f | %.3f |", e.getKey(), c.medians.size(), c.frames.size(),
                        c.minFrame, percentile(c.frames, 0.05), min(c.medians), percentile(c.medians, 0.5)));
                for (List<Double> rung : c.medianByRung.values()) {
                    out.append(String.format(" %.3f |", min(rung)));
                }
                out.append(c.advantages.isEmpty() ? " – |" : String.format(" %.3f |", min(c.advantages)));
                out.append(c.minMotionShare == Double.MAX_VALUE ? " – |\n" : String.format(" %.2f |\n", c.minMotionShare));
            }
            return out.toString();
        }

        private static double min(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        private static double percentile(List<Double> values, double p) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
        }
    }
}
