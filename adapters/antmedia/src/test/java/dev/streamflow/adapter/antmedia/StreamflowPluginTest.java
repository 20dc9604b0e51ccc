package dev.streamflow.adapter.antmedia;

import dev.streamflow.adapter.antmedia.TestAntMediaApp.Ingest;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.testing.HlsRules;
import io.antmedia.plugin.StreamflowPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The plugin inside an Ant Media app: real stream and packet listener interfaces of the host, the host's own
 * PacketFeeder delivering real packets of real files, HLS checked against the publisher's playlist rules.
 * Runs on the host's bytedeco line (1.5.11), not the one the rest of the build uses.
 */
class StreamflowPluginTest {
    private static final TestMedia.Spec CLIP = TestMedia.Spec.pattern(320, 180, 30, 6.0);

    @TempDir
    Path dir;
    private AntMediaHost host;
    private final TestAntMediaApp liveApp = new TestAntMediaApp("LiveApp");
    private StreamflowPlugin plugin;

    @BeforeEach
    void start() throws Exception {
        host = new AntMediaHost(dir);
        plugin = host.plugin(liveApp);
    }

    @AfterEach
    void stop() {
        plugin.destroy();
        host.close();
        assertFalse(SharedRuntime.running(), "the last app to stop closes the runtime");
    }

    @Test
    void anRtmpPublishBecomesAValidLadderInTheAppsStreamsFolder() throws Exception {
        assertEquals(1, liveApp.streamListeners(), "registered as the app's stream listener");
        var publish = liveApp.start("cam1", TestMedia.flv(CLIP), Ingest.RTMP);
        assertEquals(1, liveApp.packetListeners("cam1"));
        assertEquals(List.of(new AppStatus.StreamStatus("cam1", "/LiveApp/streams/streamflow/cam1/master.m3u8")),
                plugin.admin().orElseThrow().status().streams());

        publish.run();

        HlsRules.Summary hls = awaitEnded(host.hls("LiveApp", "cam1"));
        assertEquals(List.of("P144p30fps16x9"), hls.renditions());
        assertEquals(3, hls.segmentCount(), "6 s with a keyframe every 2 s");
        assertEquals(256, hls.variants().get(0).width());
        assertTrue(plugin.admin().orElseThrow().status().streams().isEmpty(), "a finished stream is no longer listed");
    }

    @Test
    void aPulledMpegTsStreamInAnnexBWithAdtsIsTranscodedToo() throws Exception {
        liveApp.start("pulled", TestMedia.ts(CLIP), Ingest.PULL).run();

        HlsRules.Summary hls = awaitEnded(host.hls("LiveApp", "pulled"));
        assertEquals(3, hls.segmentCount());
        assertTrue(hls.variants().get(0).codecs().stream().anyMatch(c -> c.startsWith("mp4a.40")), "the AAC is carried over");
    }

    @Test
    void aChannelTheAdminDidNotEnableIsNeverTouched() throws Exception {
        var publish = liveApp.start("secret-1", TestMedia.flv(CLIP), Ingest.RTMP);
        assertEquals(0, liveApp.packetListeners("secret-1"), "no packet listener on the host's stream");

        publish.run();

        assertTrue(publish.delivered() > 300, "the host's own stream went on");
        assertFalse(Files.exists(host.hls("LiveApp", "secret-1")), "nothing written");
    }

    @Test
    void aChannelDisabledAtRunTimeIsNeverTouchedFromItsNextStart() throws Exception {
        ChannelAdmin admin = plugin.admin().orElseThrow();
        admin.disable("private-*");
        var publish = liveApp.start("private-1", TestMedia.flv(CLIP), Ingest.RTMP);
        assertEquals(0, liveApp.packetListeners("private-1"));

        publish.run();

        assertFalse(Files.exists(host.hls("LiveApp", "private-1")));
        assertEquals(List.of("LiveApp/private-* disabled", "LiveApp/secret-* disabled", "*/* enabled"), admin.status().rules());
    }

    @Test
    void aStreamIdThatCannotBeAPathIsLeftAlone() throws Exception {
        liveApp.start("../escape", TestMedia.flv(CLIP), Ingest.RTMP);

        assertEquals(0, liveApp.packetListeners("../escape"));
    }

    @Test
    void everyAppSharesTheOneRuntimeOfTheServer() {
        TestAntMediaApp webrtcApp = new TestAntMediaApp("WebRTCAppEE");
        StreamflowPlugin second = host.plugin(webrtcApp);
        assertEquals(1, webrtcApp.streamListeners());

        second.destroy();

        assertTrue(SharedRuntime.running(), "LiveApp still uses it");
        assertEquals(0, webrtcApp.streamListeners());
    }

    private static HlsRules.Summary awaitEnded(Path stream) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        AssertionError last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                HlsRules.Summary summary = HlsRules.assertValid(stream);
                if (summary.ended()) {
                    return summary;
                }
            } catch (AssertionError e) {
                last = e;
            }
            Thread.sleep(100);
        }
        fail("no ended HLS in " + stream + (last == null ? "" : ": " + last.getMessage()));
        return null;
    }
}
