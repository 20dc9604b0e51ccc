package dev.streamflow.sample;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.sample.demo.DemoClip;
import dev.streamflow.sample.testing.PacketCopyPublisher;
import dev.streamflow.sample.testing.Poll;
import dev.streamflow.sample.testing.RecordingPipeline;
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
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assembled server (Red5 + HTTP) around a recording pipeline. */
class SampleServerTest {
    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesWhatThePipelineWritesListsLiveStreamsAndEndsThemOnClose(@TempDir Path data) throws Exception {
        Path hls = Files.createDirectories(data.resolve("hls/live/cam1"));
        Files.writeString(hls.resolve("master.m3u8"), "#EXTM3U\n");
        RecordingPipeline pipeline = new RecordingPipeline(data.resolve("hls"));
        Options options = new Options(false, "127.0.0.1", 0, 0, data, Optional.empty(), List.of(), false, false);
        StreamKey key = new StreamKey("live", "cam1");

        SampleServer server = SampleServer.start(options, pipeline, DemoClip.FULL_HD);
        try {
            assertEquals("#EXTM3U\n", get(server.httpUrl() + "/hls/live/cam1/master.m3u8").body());
            assertTrue(server.playerUrl("cam1").endsWith("/player/live/cam1"));
            Path clip = TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 10.0));
            new PacketCopyPublisher(clip, server.rtmpUrl() + "/cam1").start();
            Poll.until(Duration.ofSeconds(10), "the publish reaches the pipeline", () -> pipeline.hook.opens(key) == 1
                    && !pipeline.hook.stream(key).packets.isEmpty());
            assertTrue(get(server.httpUrl() + "/").body().contains("<a href=\"/player/live/cam1\">live/cam1</a>"));
        } finally {
            server.close();
        }
        assertEquals(1, pipeline.hook.stream(key).closes.get(), "the live stream was ended before Red5 stopped");
        assertEquals(1, pipeline.closes.get());
        assertThrows(java.io.IOException.class, () -> get(server.httpUrl() + "/"), "HTTP is stopped");
    }

    @Test
    void aBusyPortFailsTheStartAndStopsWhatDidStart(@TempDir Path data) throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RecordingPipeline pipeline = new RecordingPipeline(data.resolve("hls"));
            Options options = new Options(false, "127.0.0.1", 0, taken.getLocalPort(), data, Optional.empty(), List.of(), false, false);

            var e = assertThrows(java.net.BindException.class, () -> SampleServer.start(options, pipeline, DemoClip.FULL_HD));
            assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
        }
        // Red5 was stopped again: another server can start in this JVM
        RecordingPipeline pipeline = new RecordingPipeline(data.resolve("hls"));
        SampleServer.start(new Options(false, "127.0.0.1", 0, 0, data, Optional.empty(), List.of(), false, false), pipeline, DemoClip.FULL_HD)
                .close();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
