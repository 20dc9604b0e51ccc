package dev.streamflow.sample.red5;

import dev.streamflow.adapter.red5.Red5Ingest;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.sample.testing.MediaProbe;
import dev.streamflow.sample.testing.PacketCopyPublisher;
import dev.streamflow.sample.testing.Poll;
import dev.streamflow.sample.testing.Red5Timing;
import dev.streamflow.sample.testing.RecordingHook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.streamflow.sample.testing.ReceivedMedia.assertWholeExceptTail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real RTMP publishes into an embedded Red5 running the Streamflow application. */
class EmbeddedRed5Test {
    private static final RecordingHook hook = new RecordingHook();
    private static final Red5Ingest ingest = new Red5Ingest(hook);
    private static EmbeddedRed5 red5;

    @BeforeAll
    static void startRed5(@TempDir Path root) throws IOException {
        red5 = EmbeddedRed5.start("127.0.0.1", 0, root, ingest);
    }

    @AfterAll
    static void stopRed5() {
        if (red5 != null) {
            red5.close();
        }
    }

    @Test
    void aPublishedStreamArrivesWholeConfigFirstAndIsClosedAtTheEnd() throws Exception {
        Path clip = TestMedia.flv(TestMedia.Spec.pattern(640, 360, 30, 5.0));
        MediaProbe source = MediaProbe.of(clip);
        StreamKey key = new StreamKey("live", "whole");

        new PacketCopyPublisher(clip, red5.rtmpUrl() + "/whole").start().get(30, TimeUnit.SECONDS);
        Poll.until(Red5Timing.NOTICES_DISCONNECT, "the broadcast of live/whole closes", () -> hook.isClosed(key));

        RecordingHook.Recorded got = hook.stream(key);
        List<MediaPacket> video = got.video();
        List<MediaPacket> audio = got.audio();
        assertTrue(video.get(0).config(), "video starts with its avcC");
        assertTrue(audio.get(0).config(), "audio starts with its AudioSpecificConfig");
        assertEquals(1, video.stream().filter(MediaPacket::config).count());
        assertTrue(video.get(1).keyframe(), "the first frame is a keyframe");
        assertWholeExceptTail("video", source.video(), MediaProbe.media(video));
        assertWholeExceptTail("audio", source.audio(), MediaProbe.media(audio));
        assertEquals(source.videoKeyframes(), video.stream().filter(MediaPacket::keyframe).count(), "keyframes");
        assertEquals(1, got.closes.get());
        assertTrue(ingest.activeStreams().isEmpty());
    }

    @Test
    void twoPublishersAtOnceAreTwoStreams() throws Exception {
        Path clip = TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 3.0));
        StreamKey a = new StreamKey("live", "cam-a");
        StreamKey b = new StreamKey("live", "cam-b");
        var publishA = new PacketCopyPublisher(clip, red5.rtmpUrl() + "/cam-a").start();
        var publishB = new PacketCopyPublisher(clip, red5.rtmpUrl() + "/cam-b").start();
        Poll.until(Duration.ofSeconds(10), "both streams are active", () -> ingest.activeStreams().size() == 2);
        assertEquals(List.of(a, b), ingest.activeStreams());

        publishA.get(30, TimeUnit.SECONDS);
        publishB.get(30, TimeUnit.SECONDS);
        Poll.until(Red5Timing.NOTICES_DISCONNECT, "both broadcasts close", () -> hook.isClosed(a) && hook.isClosed(b));
        MediaProbe source = MediaProbe.of(clip);
        assertWholeExceptTail("cam-a video", source.video(), MediaProbe.media(hook.stream(a).video()));
        assertWholeExceptTail("cam-b video", source.video(), MediaProbe.media(hook.stream(b).video()));
        assertWholeExceptTail("cam-a audio", source.audio(), MediaProbe.media(hook.stream(a).audio()));
        assertWholeExceptTail("cam-b audio", source.audio(), MediaProbe.media(hook.stream(b).audio()));
    }
}
