package dev.streamflow.core.verify;

import dev.streamflow.bridge.cheat.Misbehaviour;
import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.node.EngineTranscoder;
import dev.streamflow.bridge.node.SegmentTranscoder;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.core.segment.Segmenter;
import dev.streamflow.core.segment.SegmenterSettings;
import dev.streamflow.core.testing.FilePackets;
import dev.streamflow.pm.key.EthereumKey;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Real segments from the segmenter, the honest engine and the cheats around it, and inputs built from their output. */
final class VerifyFixtures {
    static final VideoProfile P240 = VideoProfile.livepeer("P240p30fps16x9").orElseThrow();
    static final VideoProfile P144 = VideoProfile.livepeer("P144p30fps16x9").orElseThrow();
    static final List<VideoProfile> LADDER = List.of(P240, P144);
    static final EthereumKey NODE_KEY = EthereumKey.generate(new SecureRandom());
    private static SegmentTranscoder engine;

    private VerifyFixtures() {
    }

    static synchronized SegmentTranscoder engine() {
        if (engine == null) {
            engine = new EngineTranscoder(new TranscodeEngine(EncoderChoice.detect()));
        }
        return engine;
    }

    /** A clip cut by the real segmenter into 2 s segments (DARK is made here: TestMedia's needs a GPL filter). */
    static List<Segment> segments(TestMedia.Spec spec) throws Exception {
        java.nio.file.Path file = spec.content() == TestMedia.Content.DARK
                ? DarkClip.ts(spec.width(), spec.height(), spec.seconds())
                : TestMedia.ts(spec);
        return segments(file, spec.content().name().toLowerCase());
    }

    static List<Segment> segments(java.nio.file.Path file, String name) throws Exception {
        List<MediaPacket> packets = FilePackets.read(file);
        List<Segment> out = new ArrayList<>();
        try (Segmenter segmenter = new Segmenter(new StreamKey("live", name), SegmenterSettings.DEFAULTS,
                Clock.systemUTC(), out::add)) {
            for (MediaPacket packet : packets) {
                segmenter.accept(packet);
            }
            segmenter.finish();
        }
        return out;
    }

    static TestMedia.Spec clip(TestMedia.Content content, int width, int height, double seconds) {
        return TestMedia.Spec.pattern(width, height, 30, seconds).withContent(content);
    }

    /** What an orchestrator with this misbehaviour answers for {@code segment}, as the verifier receives it. */
    static VerificationInput answer(Misbehaviour misbehaviour, SegmentTranscoder transcoder, Segment segment, List<VideoProfile> ladder)
            throws TranscodeException {
        List<SegmentTranscoder.Output> outputs = transcoder.transcode(segment.ts(), ladder, Math.round(segment.durationSeconds() * 1000));
        List<byte[]> renditions = outputs.stream().map(SegmentTranscoder.Output::ts).toList();
        byte[] signature = misbehaviour.signer().sign(NODE_KEY, renditions);
        return VerificationInput.remote(segment, ladder, renditions, new ResultProof(NODE_KEY.address(), signature),
                outputs.stream().map(SegmentTranscoder.Output::pixels).toList(), false);
    }

    static VerificationInput honest(Segment segment, List<VideoProfile> ladder) throws TranscodeException {
        return answer(Misbehaviour.HONEST, engine(), segment, ladder);
    }

    static Optional<String> failedCheck(Verdict verdict) {
        return verdict.failure().map(CheckResult::check);
    }
}
