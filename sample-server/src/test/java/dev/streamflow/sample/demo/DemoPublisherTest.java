package dev.streamflow.sample.demo;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.streamflow.adapter.red5.Red5Ingest;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.sample.red5.EmbeddedRed5;
import dev.streamflow.sample.testing.Poll;
import dev.streamflow.sample.testing.Red5Timing;
import dev.streamflow.sample.testing.RecordingHook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo clip and its looping publisher, into an embedded Red5. */
class DemoPublisherTest {
    private static final DemoClip SMALL = new DemoClip(320, 180, 30, 2, 2);
    private static final StreamKey KEY = new StreamKey("live", "demo-test");
    private static final RecordingHook hook = new RecordingHook();
    private static EmbeddedRed5 red5;
    @TempDir
    static Path data;

    @BeforeAll
    static void startRed5() throws Exception {
        red5 = EmbeddedRed5.start("127.0.0.1", 0, data.resolve("red5"), new Red5Ingest(hook));
    }

    @AfterAll
    static void stopRed5() {
        red5.close();
    }

    @Test
    void theClipIsEncodedOnceWithAKeyframeEveryInterval() throws Exception {
        Path dir = data.resolve("clips");
        Path clip = SMALL.ensure(dir, TestMedia.tools());
        var modified = Files.getLastModifiedTime(clip);

        assertEquals(clip, SMALL.ensure(dir, TestMedia.tools()));
        assertEquals(modified, Files.getLastModifiedTime(clip), "not encoded again");
        String frames = TestMedia.tools().probe(List.of("-v", "error", "-select_streams", "v",
                "-show_entries", "packet=flags", "-of", "csv=p=0", clip.toString()));
        assertEquals(60, frames.lines().count(), "2 s at 30 fps");
        assertEquals(1, frames.lines().filter(l -> l.startsWith("K")).count(), "one keyframe per 2 s");
        assertThrows(IllegalArgumentException.class, () -> new DemoClip(320, 180, 30, 5, 2));
    }

    @Test
    void loopsWithIncreasingTimestampsInRealTimeAndRestartsWhenFfmpegDies() throws Exception {
        Path clip = SMALL.ensure(data.resolve("clips"), TestMedia.tools());
        ListAppender<ILoggingEvent> logs = captureLogs();
        long startNanos = System.nanoTime();
        try (DemoPublisher publisher = DemoPublisher.start(TestMedia.tools(), clip, red5.rtmpUrl() + "/" + KEY.stream())) {
            Poll.until(Duration.ofSeconds(20), "three passes of the 2 s clip arrived", () -> lastVideoDts() >= 5000);
            double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
            List<MediaPacket> video = frames();
            assertStrictlyIncreasing(video);
            assertTrue(video.stream().filter(MediaPacket::keyframe).count() >= 3, "a keyframe at every loop start");
            assertTrue(lastVideoDts() / 1000.0 <= wallSeconds + 1.0,
                    "paced like a live source, not as fast as it can: " + lastVideoDts() + " ms of media in " + wallSeconds + " s");

            publisher.process().destroyForcibly();
            Poll.until(Duration.ofSeconds(20), "the publisher restarts and publishes again", () -> hook.opens(KEY) == 2);
            assertEquals(2, publisher.starts());
            assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith(
                    "Demo publisher: ffmpeg exited with code ")), "the failure is logged");
            Poll.until(Duration.ofSeconds(10), "the new publish carries media", () -> !frames().isEmpty());
        } finally {
            detach(logs);
        }
    }

    @Test
    void closingStopsFfmpeg() throws Exception {
        Path clip = SMALL.ensure(data.resolve("clips"), TestMedia.tools());
        StreamKey key = new StreamKey("live", "demo-stop");
        DemoPublisher publisher = DemoPublisher.start(TestMedia.tools(), clip, red5.rtmpUrl() + "/" + key.stream());
        Poll.until(Duration.ofSeconds(15), "the demo stream is published", () -> hook.opens(key) == 1);
        Process ffmpeg = publisher.process();

        publisher.close();

        assertFalse(ffmpeg.isAlive());
        Poll.until(Red5Timing.NOTICES_DISCONNECT, "the broadcast closes", () -> hook.isClosed(key));
        assertEquals(1, publisher.starts(), "not restarted after close");
    }

    private static long lastVideoDts() {
        List<MediaPacket> video = frames();
        return video.isEmpty() ? -1 : video.get(video.size() - 1).dts();
    }

    private static List<MediaPacket> frames() {
        RecordingHook.Recorded r = hook.stream(KEY);
        return r == null ? List.of() : r.video().stream().filter(p -> !p.config()).toList();
    }

    private static void assertStrictlyIncreasing(List<MediaPacket> video) {
        for (int i = 1; i < video.size(); i++) {
            assertTrue(video.get(i).dts() > video.get(i - 1).dts(),
                    "dts goes " + video.get(i - 1).dts() + " -> " + video.get(i).dts() + " at frame " + i);
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
        return logs;
    }

    private static void detach(ListAppender<ILoggingEvent> logs) {
        root().detachAppender(logs);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
