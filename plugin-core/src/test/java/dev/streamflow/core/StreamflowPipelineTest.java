package dev.streamflow.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.testing.FilePackets;
import dev.streamflow.core.testing.HlsRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole plugin runtime on real packets: segmenter, local engine, in-order publication, HLS. */
class StreamflowPipelineTest {
    @TempDir
    Path hls;
    private Streamflow streamflow;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger("dev.streamflow");

    @BeforeEach
    void start() {
        logs.start();
        root.addAppender(logs);
        streamflow = Streamflow.start(StreamflowConfig.load(Optional.empty(), Map.of(
                "streamflow.hls.directory", hls.toString(),
                "streamflow.ladder", List.of("P360p30fps16x9", "P240p30fps16x9"))));
    }

    @AfterEach
    void stop() {
        streamflow.close();
        root.detachAppender(logs);
    }

    @Test
    void aLiveStreamBecomesAValidLadderThatEndsWhenThePublisherStops() throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(640, 360, 30, 12.0)));
        StreamHandle handle = streamflow.ingest().open(new StreamKey("live", "good"));
        packets.forEach(handle::packet);
        handle.close();

        HlsRules.Summary summary = awaitEnded(hls.resolve("live/good"));
        assertEquals(List.of("P360p30fps16x9", "P240p30fps16x9"), summary.renditions());
        assertEquals(6, summary.segmentCount(), "12 s with a keyframe every 2 s");
        assertTrue(summary.discontinuities().isEmpty());
        assertEquals(List.of(640, 360, 426, 240), List.of(summary.variants().get(0).width(),
                summary.variants().get(0).height(), summary.variants().get(1).width(), summary.variants().get(1).height()));
        assertTrue(streamflow.streams().live().isEmpty(), "an ended stream is no longer live");
    }

    @Test
    void badPublishersEachGetOneClearErrorAndDoNotDisturbAGoodOne() throws Exception {
        List<MediaPacket> good = FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(640, 360, 30, 6.0)));
        List<MediaPacket> rareKeyframes = FilePackets.read(TestMedia.flv(
                TestMedia.Spec.pattern(320, 180, 30, 12.0).withKeyframeSeconds(12).withoutAudio()));
        StreamHandle goodHandle = streamflow.ingest().open(new StreamKey("live", "good"));
        StreamHandle notH264 = streamflow.ingest().open(new StreamKey("live", "vp6"));
        StreamHandle garbage = streamflow.ingest().open(new StreamKey("live", "garbage"));
        StreamHandle noKeyframes = streamflow.ingest().open(new StreamKey("live", "nokeys"));

        Random random = new Random(7);
        for (int i = 0; i < Math.max(good.size(), rareKeyframes.size()); i++) {
            if (i < good.size()) {
                goodHandle.packet(good.get(i));
                notH264.packet(opaqueVideo(good.get(i), "FLV video codec 4 (On2 VP6)"));
                garbage.packet(withRandomPayload(good.get(i), random));
            }
            if (i < rareKeyframes.size()) {
                noKeyframes.packet(rareKeyframes.get(i));
            }
        }
        List.of(goodHandle, notH264, garbage, noKeyframes).forEach(StreamHandle::close);

        HlsRules.Summary summary = awaitEnded(hls.resolve("live/good"));
        assertEquals(3, summary.segmentCount());
        assertOneError("live/vp6", "On2 VP6");
        assertOneError("live/garbage", "live/garbage");
        assertOneError("live/nokeys", "no keyframe for 10.0 s");
        for (String bad : List.of("vp6", "garbage", "nokeys")) {
            assertFalse(Files.exists(hls.resolve("live").resolve(bad).resolve("master.m3u8")),
                    bad + " never produced a segment, so it has no HLS");
        }
    }

    @Test
    void aStreamOfAChannelThatIsNotEnabledLeavesNoTrace() throws Exception {
        streamflow.channels().disable("live", "private-*");
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(640, 360, 30, 6.0)));
        StreamHandle handle = streamflow.ingest().open(new StreamKey("live", "private-1"));
        packets.forEach(handle::packet);
        handle.close();

        assertTrue(streamflow.streams().live().isEmpty());
        assertFalse(Files.exists(hls.resolve("live/private-1")), "nothing written for a pass-through stream");
    }

    private static MediaPacket opaqueVideo(MediaPacket p, String codec) {
        if (!p.isVideo()) {
            return p;
        }
        return new MediaPacket(p.kind(), new Codec(codec), MediaPacket.BitstreamFormat.OPAQUE, p.config(),
                p.keyframe(), p.pts(), p.dts(), p.timeBase(), p.data());
    }

    private static MediaPacket withRandomPayload(MediaPacket p, Random random) {
        byte[] noise = new byte[p.data().length];
        random.nextBytes(noise);
        return new MediaPacket(p.kind(), p.codec(), p.format(), p.config(), p.keyframe(), p.pts(), p.dts(),
                p.timeBase(), noise);
    }

    private void assertOneError(String stream, String reason) {
        List<String> errors = logs.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR && e.getFormattedMessage().contains(stream))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, errors.size(), "exactly one error line for " + stream + ": " + errors);
        assertTrue(errors.get(0).contains(reason), errors.get(0));
    }

    private static HlsRules.Summary awaitEnded(Path streamDir) throws Exception {
        return HlsRules.awaitEnded(streamDir, Duration.ofSeconds(90));
    }


}
