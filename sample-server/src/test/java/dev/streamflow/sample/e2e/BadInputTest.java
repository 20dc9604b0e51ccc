package dev.streamflow.sample.e2e;

import ch.qos.logback.classic.Level;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.sample.demo.DemoPublisher;
import dev.streamflow.sample.testing.HlsChecks;
import dev.streamflow.sample.testing.LogCapture;
import dev.streamflow.sample.testing.PacketCopyPublisher;
import dev.streamflow.sample.testing.PipelineServer;
import dev.streamflow.sample.testing.Poll;
import dev.streamflow.sample.testing.Red5Timing;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishers that send what Streamflow cannot transcode, all at once, next to a good channel: each bad
 * stream is ended with a log line that says why, the good channel keeps going, and the server stays up.
 */
@Tag("e2e")
class BadInputTest {

    @Test
    void badPublishersEndTheirOwnStreamsOnly(@TempDir Path data) throws Exception {
        Path goodClip = TestMedia.flv(TestMedia.Spec.pattern(426, 240, 30, 10.0));
        Path shortClip = TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 8.0));
        Path longGop = TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 14.0).withKeyframeSeconds(14.0));
        Path dropoutClip = TestMedia.flv(TestMedia.Spec.pattern(640, 360, 30, 12.0));
        try (LogCapture logs = new LogCapture();
             PipelineServer server = PipelineServer.start(data);
             DemoPublisher good = DemoPublisher.start(TestMedia.tools(), goodClip, server.rtmpUrl("good"))) {
            Path goodDir = server.streamDir("good");
            Poll.until(Duration.ofSeconds(20), "the good channel has segments", () -> HlsChecks.complete(goodDir, 1));

            Process sorenson = publishSorenson(server.rtmpUrl("sorenson"));
            var garbage = new PacketCopyPublisher(shortClip, server.rtmpUrl("garbage"))
                    .withVideoPacketHook(randomVideoPayloads()).start();
            var keyframeless = new PacketCopyPublisher(longGop, server.rtmpUrl("longgop")).start();
            Process dropout = TestMedia.tools().ffmpeg(List.of("-nostdin", "-loglevel", "error", "-re", "-i",
                    dropoutClip.toString(), "-c", "copy", "-f", "flv", server.rtmpUrl("dropout"))).start();
            Poll.until(Duration.ofSeconds(15), "the dropout stream has a segment",
                    () -> HlsChecks.complete(server.streamDir("dropout"), 1));
            dropout.destroyForcibly();

            sorenson.waitFor(30, TimeUnit.SECONDS);
            garbage.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
            keyframeless.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
            long goodBefore = newest(goodDir);

            for (String name : List.of("sorenson", "garbage", "longgop", "dropout")) {
                Path dir = server.streamDir(name);
                Poll.until(Red5Timing.NOTICES_DISCONNECT, name + " has no HLS or its HLS has ended",
                        () -> !Files.exists(dir.resolve("master.m3u8")) || HlsChecks.ended(dir));
            }
            assertFalse(logs.lines(Level.WARN, "live/sorenson").isEmpty(), "a warning names the stream");
            assertTrue(logs.lines(Level.WARN, "live/sorenson").stream().anyMatch(l -> l.contains("Sorenson")),
                    "the warning names the codec: " + logs.lines(Level.WARN, "live/sorenson"));
            assertFalse(logs.lines(Level.WARN, "live/garbage").isEmpty(), "garbage H.264 is reported");
            assertTrue(logs.lines(Level.WARN, "live/longgop").stream().anyMatch(l -> l.toLowerCase().contains("keyframe")),
                    "the keyframe interval is named: " + logs.lines(Level.WARN, "live/longgop"));
            assertFalse(logs.lines(Level.INFO, "Stream live/dropout: publisher stopped").isEmpty());
            assertTrue(HlsChecks.ended(server.streamDir("dropout")), "the dropped stream's HLS is ended");

            Poll.until(Duration.ofSeconds(15), "the good channel keeps producing segments",
                    () -> newest(goodDir) >= goodBefore + 2);
            assertFalse(HlsChecks.ended(goodDir));
            HttpResponse<String> index = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.server().httpUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("live/good"), index.body());
        }
    }

    private static long newest(Path streamDir) {
        return HlsChecks.mediaPlaylists(streamDir).stream().mapToLong(HlsChecks::newestSequence).min().orElse(-1);
    }

    /** FLV's own video codec (Sorenson H.263, codec id 2) with AAC, as an old Flash encoder would send. */
    private static Process publishSorenson(String url) throws java.io.IOException {
        return TestMedia.tools().ffmpeg(List.of("-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=44100",
                "-t", "8", "-c:v", "flv1", "-c:a", "aac", "-f", "flv", url)).start();
    }

    /** Keeps the avcC and the packet sizes but fills every video payload with random bytes. */
    private static Consumer<AVPacket> randomVideoPayloads() {
        Random random = new Random(42);
        return p -> {
            byte[] junk = new byte[p.size()];
            random.nextBytes(junk);
            p.data().position(0).put(junk, 0, junk.length);
        };
    }
}
